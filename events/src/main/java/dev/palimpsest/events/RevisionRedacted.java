package dev.palimpsest.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The archive recorded a redaction of revision {@code revSeq}: readers must stop serving its text (and its other
 * slots' texts) from now on, and keep its metadata. Published on {@link Topics#REVISIONS_ARCHIVED} keyed by article,
 * after the {@link RevisionArchived} of that revision; the id is derived from the request's, so answering a
 * redelivered request publishes the same event again.
 *
 * @param requestId   the id of the {@link RevisionRedactionRequested} this answers
 * @param requestedAt when the administrator asked (the request's {@code meta.dt})
 * @param redactedAt  when the archive recorded the redaction (transaction time)
 * @param erasure     since 1.2.0, for a redaction that erased the text (ADR 0042): the article's new key epoch, under
 *                    which every text it keeps was shipped again just before ({@link TextsArchived} with
 *                    {@code resealedFor} this request), and every revision whose text it was; null otherwise
 */
public record RevisionRedacted(
        @JsonProperty("$schema") String schema,
        EventMeta meta,
        UUID requestId,
        String articleKey,
        int revSeq,
        String reason,
        Performer performer,
        Instant requestedAt,
        Instant redactedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) LogLeaf leaf,
        @JsonInclude(JsonInclude.Include.NON_NULL) Erasure erasure) implements ArchiveEvent {

    /** 1.2.0 added erasure. */
    public static final String SCHEMA = "/palimpsest/revision/redacted/1.2.0";
    /** 1.1.0 added where the redaction is in the transparency log. */
    public static final String SCHEMA_1_1 = "/palimpsest/revision/redacted/1.1.0";
    public static final String SCHEMA_1_0 = "/palimpsest/revision/redacted/1.0.0";

    /**
     * What an erasure did.
     *
     * @param keyEpoch  the article's key epoch from now on; every earlier key of the article is destroyed
     * @param revisions every revision whose text was the erased one, in order
     */
    public record Erasure(int keyEpoch, java.util.List<Integer> revisions) {
        public Erasure {
            if (keyEpoch < 2 || revisions == null || revisions.isEmpty()) {
                throw new IllegalArgumentException("an erasure moves to a key epoch from 2 and names its revisions");
            }
            revisions = java.util.List.copyOf(revisions);
        }
    }

    /** A redaction that hides, with where it is in the transparency log. */
    public RevisionRedacted(String schema, EventMeta meta, UUID requestId, String articleKey, int revSeq,
                            String reason, Performer performer, Instant requestedAt, Instant redactedAt,
                            LogLeaf leaf) {
        this(schema, meta, requestId, articleKey, revSeq, reason, performer, requestedAt, redactedAt, leaf, null);
    }

    public RevisionRedacted {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(articleKey, "articleKey");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(redactedAt, "redactedAt");
        if (schema == null) {
            schema = SCHEMA;
        }
    }

    /** A redaction that is no leaf of the transparency log (recorded before it existed, or in tests). */
    public RevisionRedacted(String schema, EventMeta meta, UUID requestId, String articleKey, int revSeq,
                            String reason, Performer performer, Instant requestedAt, Instant redactedAt) {
        this(schema, meta, requestId, articleKey, revSeq, reason, performer, requestedAt, redactedAt, null, null);
    }

    @Override
    @JsonIgnore
    public UUID submissionId() {
        return requestId;
    }
}
