package dev.palimpsest.ingest.imports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportSpoolTest {

    @TempDir
    Path directory;

    @Test
    void givesBackWhatWasSpooledInOrderByteForByte() throws IOException {
        Path file = directory.resolve("spool.zst");
        byte[] first = "{\"text\":\"工人 \uD83D\uDE00\"}".getBytes(StandardCharsets.UTF_8);
        byte[] second = new byte[0];
        try (ImportSpool.Writer writer = new ImportSpool.Writer(file)) {
            writer.revision("enwiki:12", first);
            writer.rejection(null, null, "the page has no <title>");
            writer.rejection("Anarchism", 7L, "x".repeat(70_000));
            writer.revision("enwiki:12", second);
        }
        List<ImportSpool.Entry> entries = new ArrayList<>();
        try (ImportSpool.Reader reader = new ImportSpool.Reader(file)) {
            for (ImportSpool.Entry entry; (entry = reader.next()) != null; ) {
                entries.add(entry);
            }
        }
        assertEquals(4, entries.size());
        ImportSpool.Revision revision = assertInstanceOf(ImportSpool.Revision.class, entries.get(0));
        assertEquals("enwiki:12", revision.articleKey());
        assertArrayEquals(first, revision.event());
        assertEquals(new ImportSpool.Rejection(null, null, "the page has no <title>"), entries.get(1));
        ImportSpool.Rejection cut = assertInstanceOf(ImportSpool.Rejection.class, entries.get(2));
        assertEquals(7L, cut.revId());
        assertTrue(cut.reason().length() < 5000, "a long reason is cut, not refused");
        assertArrayEquals(second, assertInstanceOf(ImportSpool.Revision.class, entries.get(3)).event());
    }

    @Test
    void consecutiveRevisionsOfAnArticleAreCompressedTogether() throws IOException {
        Path file = directory.resolve("history.zst");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            text.append("Line ").append(i).append(" of an article that grows by one line a revision.\n");
        }
        long spooledText = 0;
        try (ImportSpool.Writer writer = new ImportSpool.Writer(file)) {
            for (int revision = 0; revision < 50; revision++) {
                byte[] event = (text + "Edit " + revision + "\n").getBytes(StandardCharsets.UTF_8);
                spooledText += event.length;
                writer.revision("enwiki:1", event);
            }
        }
        // each text alone compresses to some KB; fifty beside each other cost little more than one
        assertTrue(Files.size(file) * 50 < spooledText, Files.size(file) + " bytes for " + spooledText);
    }
}
