package dev.palimpsest.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A revision the archive stored for the first time, with its per-article sequence number and the time the archive
 * learned it ({@code archivedAt}, transaction time). Canonical: readers build their models from these alone.
 */
public record RevisionArchived(
        @JsonProperty("$schema") String schema,
        EventMeta meta,
        UUID submissionId,
        String articleKey,
        int revSeq,
        String pageTitle,
        Instant revTimestamp,
        Long revId,
        Long revParentId,
        Performer performer,
        String comment,
        String text,
        String revSha1,
        long revLen,
        Instant archivedAt,
        RevertDetails revert) implements ArchiveEvent {

    /** 1.1.0 added {@code revert}; 1.0.0 events read as having none. */
    public static final String SCHEMA = "/palimpsest/revision/archived/1.1.0";
    public static final String SCHEMA_1_0 = "/palimpsest/revision/archived/1.0.0";

    public RevisionArchived {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(articleKey, "articleKey");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(archivedAt, "archivedAt");
        if (schema == null) {
            schema = SCHEMA;
        }
    }

    /** A revision that reverts nothing. */
    public RevisionArchived(String schema, EventMeta meta, UUID submissionId, String articleKey, int revSeq,
                            String pageTitle, Instant revTimestamp, Long revId, Long revParentId, Performer performer,
                            String comment, String text, String revSha1, long revLen, Instant archivedAt) {
        this(schema, meta, submissionId, articleKey, revSeq, pageTitle, revTimestamp, revId, revParentId, performer,
                comment, text, revSha1, revLen, archivedAt, null);
    }
}
