package dev.palimpsest.e2e.faults;

import dev.palimpsest.bench.DumpShape;
import dev.palimpsest.bench.SyntheticDump;
import dev.palimpsest.e2e.Exports;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a fault run imports: a synthetic MediaWiki export (the bench's {@link SyntheticDump}) of several pages, so
 * several articles on several partitions, and what it holds, read back from the file by a StAX walk of its own
 * (not the services' reader, {@link Exports#textSha1sByArticle}): per article, the sha1 of every revision's text, in
 * document order.
 *
 * @param shape    pages, revisions per page, seed
 * @param export   the export on disk (plain XML)
 * @param expected article key to the sha1 (hex, of the UTF-8 text) of each of its revisions, in document order
 */
record FaultInput(DumpShape shape, Path export, Map<String, List<String>> expected) {

    /** The wiki's database name in the export; article keys are {@code faultwiki:<page id>}. */
    static final String DATABASE = "faultwiki";
    /** Eight articles over the topics' three partitions: every partition carries several. */
    static final int PAGES = 8;

    long totalRevisions() {
        return expected.values().stream().mapToLong(List::size).sum();
    }

    /** Writes an export of about {@code revisions} revisions ({@value #PAGES} pages) into {@code directory}. */
    static FaultInput generate(Path directory, int revisions) throws Exception {
        int perPage = Math.max(1, revisions / PAGES);
        DumpShape shape = new DumpShape(PAGES, perPage, 20261126L, DATABASE, DumpShape.DEFAULT_TEXT_BYTES);
        Path export = directory.resolve("fault-run-" + shape.totalRevisions() + ".xml");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(export), 1 << 16)) {
            new SyntheticDump(shape).writeTo(out, false);
        }
        return new FaultInput(shape, export, read(export));
    }

    /** Article key to its revisions' text sha1s, in document order; the keys' database is the export's. */
    private static Map<String, List<String>> read(Path export) throws Exception {
        return Exports.textSha1sByArticle(export, null);
    }
}
