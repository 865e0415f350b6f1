package dev.palimpsest.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The archive could not redact what a {@link RevisionRedactionRequested} named (the article has no revision
 * {@code revSeq}): nothing was hidden. Published on {@link Topics#REVISIONS_ARCHIVED} so the request's status can
 * say so.
 *
 * @param requestId the id of the request this answers
 * @param detail    why, for the client
 */
public record RedactionRejected(
        @JsonProperty("$schema") String schema,
        EventMeta meta,
        UUID requestId,
        String articleKey,
        int revSeq,
        String detail,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
        @JsonInclude(JsonInclude.Include.NON_NULL) Performer performer,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant requestedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant recordedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) LogLeaf leaf) implements ArchiveEvent {

    /**
     * 1.1.0 added what was asked (the reason, who asked, when), when the archive recorded the rejection, and where it
     * is in the transparency log: what its leaf is made of.
     */
    public static final String SCHEMA = "/palimpsest/revision/redaction-rejected/1.1.0";
    public static final String SCHEMA_1_0 = "/palimpsest/revision/redaction-rejected/1.0.0";

    public RedactionRejected {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(articleKey, "articleKey");
        Objects.requireNonNull(detail, "detail");
        if (schema == null) {
            schema = SCHEMA;
        }
    }

    /** A rejection that is no leaf of the transparency log (recorded before it existed, or in tests). */
    public RedactionRejected(String schema, EventMeta meta, UUID requestId, String articleKey, int revSeq,
                             String detail) {
        this(schema, meta, requestId, articleKey, revSeq, detail, null, null, null, null, null);
    }

    @Override
    @JsonIgnore
    public UUID submissionId() {
        return requestId;
    }
}
