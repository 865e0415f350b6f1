package dev.palimpsest.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FastImportStreamTest {

    private static final WikiHistory.Revision FIRST = new WikiHistory.Revision(12, "Anarchism", 233, Instant.parse(
            "2001-10-11T09:45:00Z"), "Ada", "first draft", "Anarchism is a political philosophy.");
    private static final WikiHistory.Revision SECOND = new WikiHistory.Revision(12, "Anarchism", 234, Instant.parse(
            "2001-10-12T10:00:00Z"), "10.0.0.<1>", "", "Anarchism — a political philosophy ünd movement.");

    @Test
    void eachRevisionIsACommitWithItsMarkTheContributorAndTimeAndTheWholeTextCountedInBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (FastImportStream stream = new FastImportStream(bytes)) {
            stream.write(FIRST);
            stream.write(SECOND);
            assertEquals(2, stream.commits());
        }

        String text = SECOND.text();
        assertEquals("""
                commit refs/heads/main
                mark :1
                committer Ada <> 1002793500 +0000
                data 11
                first draft
                M 100644 inline 12.wiki
                data 36
                Anarchism is a political philosophy.

                commit refs/heads/main
                mark :2
                committer 10.0.0. 1 <> 1002880800 +0000
                data 12
                revision 234
                M 100644 inline 12.wiki
                data %d
                %s

                done
                """.formatted(text.getBytes(StandardCharsets.UTF_8).length, text),
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void gitReadsTheStreamAndGivesBackEveryRevisionsText(@TempDir Path directory) throws Exception {
        Path stream = directory.resolve("stream");
        try (FastImportStream commits = new FastImportStream(Files.newOutputStream(stream))) {
            commits.write(FIRST);
            commits.write(SECOND);
        }
        GitAnchor git = GitAnchor.init(directory.resolve("repo.git"));

        git.fastImport(stream);
        git.gcAggressive();

        String first = git.blob(1, FastImportStream.fileOf(12));
        String second = git.blob(2, FastImportStream.fileOf(12));
        assertEquals(List.of(FIRST.text(), SECOND.text()), List.of(show(directory, first), show(directory, second)));
        assertTrue(git.packBytes() > 0, "gc leaves a pack");
        assertTrue(git.wordDiff(first, second).toNanos() > 0);
    }

    private static String show(Path directory, String blob) throws Exception {
        Process process = new ProcessBuilder("git", "--git-dir=" + directory.resolve("repo.git"), "cat-file", "blob",
                blob).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor());
        return text;
    }
}
