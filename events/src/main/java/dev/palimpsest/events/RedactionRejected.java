package dev.palimpsest.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

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
        String detail) implements ArchiveEvent {

    public static final String SCHEMA = "/palimpsest/revision/redaction-rejected/1.0.0";

    public RedactionRejected {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(articleKey, "articleKey");
        Objects.requireNonNull(detail, "detail");
        if (schema == null) {
            schema = SCHEMA;
        }
    }

    @Override
    @JsonIgnore
    public UUID submissionId() {
        return requestId;
    }
}
