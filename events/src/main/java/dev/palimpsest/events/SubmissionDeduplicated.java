package dev.palimpsest.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;
import java.util.UUID;

/**
 * A submission the archive recognised as a revision it already holds (same idempotency key): nothing new was
 * stored; {@link #revSeq()} names the revision it already was.
 */
public record SubmissionDeduplicated(
        @JsonProperty("$schema") String schema,
        EventMeta meta,
        UUID submissionId,
        String articleKey,
        int revSeq) implements ArchiveEvent {

    public static final String SCHEMA = "/palimpsest/submission/deduplicated/1.0.0";

    public SubmissionDeduplicated {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(articleKey, "articleKey");
        if (schema == null) {
            schema = SCHEMA;
        }
    }
}
