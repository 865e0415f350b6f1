package dev.palimpsest.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A dump file uploaded as it is on disk (ingest recognises its compression), e.g. the Anarchism history, with what
 * it holds: read once beforehand ({@link #read}), so the run knows which articles to expect and how many revisions
 * each.
 */
final class DumpFile implements ImportSource {

    private final Path file;
    private final String database;
    private final Map<String, Long> expected;
    private final long textBytes;
    private final long fileBytes;
    private final AtomicLong bytesSent = new AtomicLong();

    private DumpFile(Path file, String database, Map<String, Long> expected, long textBytes) throws IOException {
        this.file = file;
        this.database = database;
        this.expected = Map.copyOf(expected);
        this.textBytes = textBytes;
        this.fileBytes = Files.size(file);
    }

    /** Counts, while {@code each} sees every revision (one pass over the dump, shared with the anchors). */
    static DumpFile read(Path file, String database, java.util.function.Consumer<WikiHistory.Revision> each)
            throws IOException {
        Map<String, Long> expected = new LinkedHashMap<>();
        long[] text = {0};
        WikiHistory.read(file, revision -> {
            expected.merge(database + ":" + revision.pageId(), 1L, Long::sum);
            text[0] += revision.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            each.accept(revision);
        });
        return new DumpFile(file, database, expected, text[0]);
    }

    Path file() {
        return file;
    }

    long textBytes() {
        return textBytes;
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public Map<String, Long> expectedRevisions() {
        return expected;
    }

    /** Sends the file's bytes as they are: the compression is ingest's to undo, {@code gzip} does not apply. */
    @Override
    public SyntheticDump.Totals writeTo(OutputStream out, boolean gzip) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                bytesSent.addAndGet(n);
            }
        }
        return new SyntheticDump.Totals(expected.size(), totalRevisions(), 0, textBytes);
    }

    /** Estimated from the share of the file sent: a compressed file has no revision boundaries to count. */
    @Override
    public long revisionsWritten() {
        return fileBytes == 0 ? 0 : totalRevisions() * bytesSent.get() / fileBytes;
    }
}
