package dev.palimpsest.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one measured import came to. Every duration counts from the start of the upload; a null one was not
 * reached (see {@code failure}).
 *
 * @param generated    what the dump held, once it was all written
 * @param answered     ingest's 202: the upload received and validated, publishing begins
 * @param published    ingest reported the import completed: every revision published and acknowledged
 * @param archived     the archive had answered every submission
 * @param inReadModel  every article complete in the read model ({@code GET /articles/{key}}) and in the archive
 *                     ({@code GET /admin/articles/{key}}: as many revisions as submissions), checked over HTTP
 * @param importStatus ingest's last report of the import
 * @param failure      why the run stopped short, or null
 */
record RunOutcome(Instant startedAt, SyntheticDump.Totals generated, long uploadBytes, Duration answered,
                  Duration published, Duration archived, Duration inReadModel,
                  ImportStatus importStatus, PipelineOffsets.Counts finalCounts,
                  ArticleVerification.Outcome verification, List<Sample> samples, String failure) {

    boolean complete() {
        return failure == null;
    }
}
