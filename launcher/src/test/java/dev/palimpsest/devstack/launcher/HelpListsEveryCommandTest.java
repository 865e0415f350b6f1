package dev.palimpsest.devstack.launcher;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./palimpsest help} lists every command the {@code ./palimpsest} script dispatches: the names are read from
 * the script's own {@code case} (its catch-all goes to the CLI, whose commands are read from picocli), so a command
 * added to the script or to the CLI without a line in the help fails here.
 */
class HelpListsEveryCommandTest {

    private static final Path SCRIPT = Path.of(System.getProperty("user.dir")).resolve("../palimpsest").normalize();
    /** A branch of the script's dispatch: {@code   up|token|help|"")} at two spaces. */
    private static final Pattern BRANCH = Pattern.compile("^  ([^\\s()#][^\\s()]*)\\)\\s*$");

    @Test
    void helpListsEveryCommandTheScriptDispatches() throws IOException {
        Set<String> commands = new LinkedHashSet<>();
        boolean catchAllGoesToTheCli = false;
        for (String branch : dispatchBranches()) {
            for (String label : branch.split("\\|")) {
                String name = label.replace("\"", "");
                if (name.equals("*")) {
                    catchAllGoesToTheCli = true;
                } else if (!name.isEmpty()) {
                    commands.add(name);
                }
            }
        }
        assertTrue(catchAllGoesToTheCli, "the script's catch-all branch runs the CLI");
        CliCommands.entries().forEach(entry -> commands.add(entry.name()));
        Arrays.stream(LauncherArguments.Command.values()).forEach(c -> commands.add(c.name().toLowerCase(Locale.ROOT)));

        String help = run(List.of("help"), 0).out();

        List<String> missing = commands.stream().filter(command -> !listed(help, command)).toList();
        assertEquals(List.of(), missing, "commands ./palimpsest runs that its help does not list:\n" + help);
        assertTrue(commands.containsAll(List.of("up", "token", "help", "bench", "faults", "submit", "history", "as-of",
                "diff", "import", "redact")), "the script and the CLI still dispatch the documented commands: "
                + commands);
    }

    @Test
    void everyCliCommandIsListedWithItsParametersAndItsOwnDescription() {
        String help = run(List.of("help"), 0).out();
        String flattened = help.replaceAll("\\s+", " ");

        List<CliCommands.Entry> entries = CliCommands.entries();
        assertFalse(entries.isEmpty());
        for (CliCommands.Entry entry : entries) {
            assertTrue(help.contains("\n  " + entry.synopsis() + " ") || help.contains("\n  " + entry.synopsis() + "\n"),
                    entry.synopsis() + " in\n" + help);
            assertTrue(flattened.contains(" " + entry.description() + " "), entry.description() + " in\n" + help);
        }
        assertTrue(help.contains("\n  submit KEY [FILE]"), help);
    }

    @Test
    void theListingKeepsToTheUsageTextsColumns() {
        String listing = CliCommands.listing();

        for (String line : listing.split("\n")) {
            assertTrue(line.length() <= CliCommands.WIDTH, "wrapped at " + CliCommands.WIDTH + ": " + line);
            assertTrue(line.startsWith("  ") && !line.startsWith("   ")
                    || line.startsWith(" ".repeat(CliCommands.DESCRIPTION_COLUMN)), line);
        }
        assertFalse(PalimpsestLauncher.usage().contains("{commands of the CLI}"), "the placeholder is filled");
    }

    @Test
    void dashDashHelpAndNoCommandAtAllShowTheSameList() {
        String help = run(List.of("help"), 0).out();

        assertEquals(help, run(List.of("--help"), 0).out());
        Output none = run(List.of(), PalimpsestLauncher.EXIT_USAGE);
        assertEquals("palimpsest: no command given\n\n" + help, none.err());
    }

    /** Whether {@code command} starts a line of the help as a command does: at two spaces, then a blank or the end. */
    private static boolean listed(String help, String command) {
        return Pattern.compile("^  " + Pattern.quote(command) + "(\\s|$)", Pattern.MULTILINE).matcher(help).find();
    }

    /** The labels of each branch of the script's {@code case "$command" in … esac}. */
    private static List<String> dispatchBranches() throws IOException {
        List<String> lines = Files.readAllLines(SCRIPT);
        int start = lines.indexOf("case \"$command\" in");
        assertTrue(start >= 0, SCRIPT + " dispatches with case \"$command\" in");
        List<String> branches = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.equals("esac")) {
                return branches;
            }
            Matcher branch = BRANCH.matcher(line);
            if (branch.matches()) {
                branches.add(branch.group(1));
            }
        }
        throw new AssertionError(SCRIPT + ": no esac after the dispatch");
    }

    private record Output(String out, String err) {
    }

    private static Output run(List<String> args, int expectedExitCode) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PalimpsestLauncher launcher = new PalimpsestLauncher(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(expectedExitCode, launcher.run(args));
        return new Output(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
