package dev.palimpsest.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * What an {@link ImportRun} uploads and then expects to find: a synthetic dump generated on the fly, or a dump file
 * (e.g. the Anarchism history) sent as it is on disk.
 */
interface ImportSource {

    /** The wiki's database name, passed to ingest; article keys are {@code database:pageId}. */
    String database();

    /** Every article the import must leave complete, with how many revisions it must then hold. */
    Map<String, Long> expectedRevisions();

    default long totalRevisions() {
        return expectedRevisions().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Writes the upload's body (gzip-compressed when asked and the source can); does not close {@code out}. */
    SyntheticDump.Totals writeTo(OutputStream out, boolean gzip) throws IOException;

    /** Revisions written into the upload so far, as well as known; safe to read from another thread. */
    long revisionsWritten();
}
