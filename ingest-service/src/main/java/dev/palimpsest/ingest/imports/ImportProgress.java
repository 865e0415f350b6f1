package dev.palimpsest.ingest.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The live counters of one import, updated by its publishing thread and read by status requests. */
final class ImportProgress {

    /** Enough to see what went wrong; the count says how many there were in all. */
    static final int MAX_LISTED_REJECTIONS = 1000;

    private final String importId;
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

    ImportProgress(String importId, String database, long bytes, long pages, long revisions) {
        this.importId = importId;
        this.database = database;
        this.bytes = bytes;
        this.pages = pages;
        this.revisions = revisions;
    }

    String importId() {
        return importId;
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

    void completed() {
        finishedAt = Instant.now();
        state = ImportState.COMPLETED;
    }

    void failed(String reason) {
        error = reason;
        finishedAt = Instant.now();
        state = ImportState.FAILED;
    }

    synchronized ImportReport report() {
        Instant end = finishedAt == null ? Instant.now() : finishedAt;
        double seconds = Math.max(Duration.between(startedAt, end).toMillis(), 1) / 1000.0;
        return new ImportReport(importId, state, database, startedAt, finishedAt, bytes, xmlBytes.get(), pages,
                revisions, published.get(), rejected.get(), Math.round(published.get() / seconds * 10) / 10.0,
                List.copyOf(rejections), error);
    }
}
