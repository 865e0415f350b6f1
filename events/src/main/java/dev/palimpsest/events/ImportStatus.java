package dev.palimpsest.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The latest report of one MediaWiki import, as the ingest instance running it last wrote it to
 * {@link Topics#IMPORTS} (keyed by {@link #importId()}). Every record is the whole report, never a delta: the topic is
 * compacted, and the last record of a key is all a reader needs.
 *
 * <p>Written on the import's start (before its 202 is answered), at a bounded rate while it publishes (each one a
 * heartbeat: {@link #updatedAt()} is refreshed even when nothing moved), and on its end. {@link #sequence()} grows
 * with every record of an import, so a reader keeps the newest whatever order it sees them in.
 *
 * @param state      {@code PUBLISHING}, {@code COMPLETED}, {@code FAILED} or {@code INTERRUPTED} (ingest's
 *                   {@code ImportState}); a string here, so an older reader keeps a state it does not know
 * @param instanceId the ingest instance running the import: only it writes {@code PUBLISHING} records of it
 * @param sequence   1 for the first record of an import, one more for each record after
 * @param updatedAt  when the instance wrote this record: a {@code PUBLISHING} record not refreshed for a while means
 *                   the instance is gone
 * @param rejections the first rejected items (at most a thousand); {@link #rejected()} counts them all
 * @param error      why a {@code FAILED} or {@code INTERRUPTED} import stopped
 */
public record ImportStatus(
        @JsonProperty("$schema") String schema,
        EventMeta meta,
        String importId,
        String state,
        String instanceId,
        long sequence,
        String database,
        Instant startedAt,
        Instant updatedAt,
        Instant finishedAt,
        long bytes,
        long xmlBytes,
        long pages,
        long revisions,
        long published,
        long rejected,
        double revisionsPerSecond,
        List<Rejection> rejections,
        String error) {

    public static final String SCHEMA = "/palimpsest/import/status/1.0.0";

    public ImportStatus {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(importId, "importId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (schema == null) {
            schema = SCHEMA;
        }
        rejections = rejections == null ? List.of() : List.copyOf(rejections);
    }

    /** One rejected item of the export: its page, its revision (when known) and why. */
    public record Rejection(String pageTitle, Long revId, String reason) {
    }
}
