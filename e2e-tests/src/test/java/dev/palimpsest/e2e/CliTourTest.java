package dev.palimpsest.e2e;

import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.e2e.Cli.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's CLI tour against the shared stack: submit two revisions of a new article, list its history, read it
 * as of a time between them and diff them. The commands run in this JVM, as {@code ./palimpsest} runs them.
 */
class CliTourTest {

    private static final String KEY = "e2e-cli-tour";
    private static final String FIRST = "Tour\n\nA student-led labour movement.\nSecond line.\n";
    private static final String SECOND = "Tour\n\nA student-led labor movement.\nSecond line.\nA new line, 中文.\n";

    private static PalimpsestStack stack;
    /** A writer's token in a file, as a user keeps it: ./palimpsest token > FILE. */
    private static Path tokenFile;

    @BeforeAll
    static void stack(@TempDir Path tokens) throws java.io.IOException {
        stack = SharedStack.get();
        tokenFile = Files.writeString(tokens.resolve("token"), StackClient.token(stack, "writer") + "\n");
    }

    private static Run cli(String... args) {
        return new Cli(stack, tokenFile).run(args);
    }

    @Test
    void submitHistoryAsOfAndDiffThroughTheCli(@TempDir Path dir) throws Exception {
        Path first = Files.writeString(dir.resolve("first.txt"), FIRST);
        Path second = Files.writeString(dir.resolve("second.txt"), SECOND);

        Run submitted = cli("submit", KEY, first.toString(), "--title", "Tour", "--author", "e2e",
                "--comment", "first", "--time", "2024-01-01T00:00:00Z", "--wait", "--timeout", "90");
        assertEquals(0, submitted.exit(), submitted.err());
        assertTrue(submitted.out().contains("archived as revision 1 of " + KEY), submitted.out());
        // without --title: the article's current one
        Run edited = cli("submit", KEY, second.toString(), "--author", "e2e", "-m", "spelling",
                "--time", "2024-06-01T00:00:00Z", "--wait", "--timeout", "90");
        assertEquals(0, edited.exit(), edited.err());
        assertTrue(edited.out().contains("archived as revision 2 of " + KEY), edited.out());

        Run history = cli("history", KEY, "--order", "asc");
        assertEquals(0, history.exit(), history.err());
        List<String> lines = history.out().lines().toList();
        assertEquals(KEY + " \u2014 Tour", lines.get(0));
        assertTrue(lines.get(2).matches("\\s*1  2024-01-01 00:00:00Z  e2e\\s+" + FIRST.length() + "  \\w{10}  first"),
                history.out());
        assertTrue(lines.get(3).matches("\\s*2  2024-06-01 00:00:00Z  e2e\\s+"
                + SECOND.getBytes(StandardCharsets.UTF_8).length + "  \\w{10}  spelling"), history.out());

        Run asOf = cli("as-of", KEY, "2024-03-01");
        assertEquals(0, asOf.exit(), asOf.err());
        assertEquals(FIRST, asOf.out());
        Run metadata = cli("as-of", KEY, "now", "--metadata");
        assertTrue(metadata.out().contains("revision  2\n"), metadata.out());

        Run diff = cli("diff", KEY, "1", "2", "--color", "never");
        assertEquals(0, diff.exit(), diff.err());
        assertTrue(Pattern.compile("\\[-[^\\]]*labour[^\\]]*-]").matcher(diff.out()).find(), diff.out());
        assertTrue(Pattern.compile("\\{\\+[^}]*labor[^}]*\\+}").matcher(diff.out()).find(), diff.out());
        assertTrue(diff.out().contains("{+A new line, 中文.+}"), diff.out());

        Run unknown = cli("as-of", "e2e-no-such-article", "now");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("(Article not found, 404)"), unknown.err());
    }
}
