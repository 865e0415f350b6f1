package dev.palimpsest.ingest.imports;

import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.ImportStatus;
import dev.palimpsest.events.Topics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live counters of one import run by this instance, updated by its publishing thread and read by status
 * requests and by the heartbeat that writes them to {@link Topics#IMPORTS}. It ends once: the first of
 * {@link #completed()}, {@link #failed(String)} and {@link #interrupted(String)} decides its state.
 */
final class ImportProgress {

    /** Enough to see what went wrong; the count says how many there were in all. */
    static final int MAX_LISTED_REJECTIONS = 1000;

    private final String importId;
    private final String instanceId;
    private final String database;
    private final long bytes;
    private final long pages;
    private final long revisions;
    private final Instant startedAt = Instant.now();
    private final AtomicLong xmlBytes = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final List<ImportReport.Rejection> rejections = new ArrayList<>();
    private volatile ImportState state = ImportState.PUBLISHING;
    private volatile Instant finishedAt;
    private volatile String error;
    // the records written of it so far (the next one's sequence is one more), and whether its final one is acked
    private long sequence;
    private volatile boolean endWritten;

    /** @param instanceId this ingest instance's id ({@link IngestInstance}), the only writer of the import's records */
    ImportProgress(String importId, String instanceId, String database, long bytes, long pages, long revisions) {
        this.importId = importId;
        this.instanceId = instanceId;
        this.database = database;
        this.bytes = bytes;
        this.pages = pages;
        this.revisions = revisions;
    }

    String importId() {
        return importId;
    }

    ImportState state() {
        return state;
    }

    void xmlBytesRead(long total) {
        xmlBytes.set(total);
    }

    void published() {
        published.incrementAndGet();
    }

    synchronized void rejected(String pageTitle, Long revId, String reason) {
        rejected.incrementAndGet();
        if (rejections.size() < MAX_LISTED_REJECTIONS) {
            rejections.add(new ImportReport.Rejection(pageTitle, revId, reason));
        }
    }

    synchronized void completed() {
        end(ImportState.COMPLETED, null);
    }

    synchronized void failed(String reason) {
        end(ImportState.FAILED, reason);
    }

    /** This instance stops before the import's end (shutdown). */
    synchronized void interrupted(String reason) {
        end(ImportState.INTERRUPTED, reason);
    }

    private void end(ImportState finalState, String reason) {
        if (state == ImportState.PUBLISHING) {
            error = reason;
            finishedAt = Instant.now();
            state = finalState;
        }
    }

    /** Its final record is acknowledged: the heartbeat need not write it again. */
    void endWritten() {
        endWritten = true;
    }

    /** Still publishing, or ended and its final record not yet acknowledged. */
    boolean needsWriting() {
        return state == ImportState.PUBLISHING || !endWritten;
    }

    synchronized ImportReport report() {
        return ImportReport.of(status(Instant.now(), sequence));
    }

    /** The next record of this import for {@link Topics#IMPORTS}: its report now, one sequence number on. */
    synchronized ImportStatus nextStatus() {
        return status(Instant.now(), ++sequence);
    }

    private ImportStatus status(Instant now, long sequenceNumber) {
        Instant end = finishedAt == null ? now : finishedAt;
        double seconds = Math.max(Duration.between(startedAt, end).toMillis(), 1) / 1000.0;
        return new ImportStatus(ImportStatus.SCHEMA, EventMeta.now(Topics.IMPORTS, "import:" + importId), importId,
                state.name(), instanceId, sequenceNumber, database, startedAt, now, finishedAt, bytes, xmlBytes.get(),
                pages, revisions, published.get(), rejected.get(),
                Math.round(published.get() / seconds * 10) / 10.0,
                rejections.stream().map(r -> new ImportStatus.Rejection(r.pageTitle(), r.revId(), r.reason()))
                        .toList(), error);
    }
}
