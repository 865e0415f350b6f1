package dev.palimpsest.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A revision the archive stored for the first time, with its per-article sequence number and the time the archive
 * learned it ({@code archivedAt}, transaction time). Canonical: readers build their models from these alone.
 *
 * <p>{@code revert} is deprecated and no longer filled (null): whether a revision reverts others depends on the
 * history in edit order, which a later backfill can change, so readers derive it where they read the history
 * (ADR 0005). Kept in the schema so events of 1.1.0 still read.
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
        RevertDetails revert,
        Visibility visibility,
        MediaWikiSource source,
        List<ContentSlot> slots) implements ArchiveEvent {

    /**
     * 1.1.0 added {@code revert}, {@code visibility} and {@code source}, 1.2.0 {@code slots} (content in slots other
     * than main, null when none); events of earlier versions read as having none.
     */
    public static final String SCHEMA = "/palimpsest/revision/archived/1.2.0";
    public static final String SCHEMA_1_1 = "/palimpsest/revision/archived/1.1.0";
    public static final String SCHEMA_1_0 = "/palimpsest/revision/archived/1.0.0";

    public RevisionArchived {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(articleKey, "articleKey");
        if (Visibility.textHidden(visibility) != (text == null)) {
            throw new IllegalArgumentException("text must be given exactly when it is not hidden");
        }
        Objects.requireNonNull(archivedAt, "archivedAt");
        if (schema == null) {
            schema = SCHEMA;
        }
        slots = slots == null || slots.isEmpty() ? null : List.copyOf(slots);
    }

    /** A revision with only a main slot. */
    public RevisionArchived(String schema, EventMeta meta, UUID submissionId, String articleKey, int revSeq,
                            String pageTitle, Instant revTimestamp, Long revId, Long revParentId, Performer performer,
                            String comment, String text, String revSha1, long revLen, Instant archivedAt,
                            RevertDetails revert, Visibility visibility, MediaWikiSource source) {
        this(schema, meta, submissionId, articleKey, revSeq, pageTitle, revTimestamp, revId, revParentId, performer,
                comment, text, revSha1, revLen, archivedAt, revert, visibility, source, null);
    }

    /** A revision that reverts nothing. */
    public RevisionArchived(String schema, EventMeta meta, UUID submissionId, String articleKey, int revSeq,
                            String pageTitle, Instant revTimestamp, Long revId, Long revParentId, Performer performer,
                            String comment, String text, String revSha1, long revLen, Instant archivedAt) {
        this(schema, meta, submissionId, articleKey, revSeq, pageTitle, revTimestamp, revId, revParentId, performer,
                comment, text, revSha1, revLen, archivedAt, null, null, null, null);
    }
}
