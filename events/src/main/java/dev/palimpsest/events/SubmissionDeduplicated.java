package dev.palimpsest.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
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
        int revSeq,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant receivedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) LogLeaf leaf) implements ArchiveEvent {

    /** 1.1.0 added when the archive received the duplicate and where it is in the transparency log. */
    public static final String SCHEMA = "/palimpsest/submission/deduplicated/1.1.0";
    public static final String SCHEMA_1_0 = "/palimpsest/submission/deduplicated/1.0.0";

    public SubmissionDeduplicated {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(articleKey, "articleKey");
        if (schema == null) {
            schema = SCHEMA;
        }
    }

    /** A duplicate that is no leaf of the transparency log (answered before it existed, or in tests). */
    public SubmissionDeduplicated(String schema, EventMeta meta, UUID submissionId, String articleKey, int revSeq) {
        this(schema, meta, submissionId, articleKey, revSeq, null, null);
    }
}
