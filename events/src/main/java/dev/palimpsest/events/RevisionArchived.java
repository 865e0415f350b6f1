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
 *
 * <p>Since 1.3.0 {@code text} is null when the text travelled in a {@link TextsArchived} pack published before this
 * event on the same partition (readers find it by {@code articleKey} and {@code revSha1}); events of earlier versions
 * carry it inline, and readers keep accepting both. A text hidden at the source has neither.
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
     * than main, null when none); events of earlier versions read as having none. 1.3.0: the main text may be in a
     * {@link TextsArchived} pack instead ({@code text} null, {@code revSha1} given).
     */
    public static final String SCHEMA = "/palimpsest/revision/archived/1.3.0";
    public static final String SCHEMA_1_2 = "/palimpsest/revision/archived/1.2.0";
    public static final String SCHEMA_1_1 = "/palimpsest/revision/archived/1.1.0";
    public static final String SCHEMA_1_0 = "/palimpsest/revision/archived/1.0.0";

    public RevisionArchived {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(articleKey, "articleKey");
        if (Visibility.textHidden(visibility) && (text != null || revSha1 != null)) {
            throw new IllegalArgumentException("a text hidden at the source has neither text nor sha1");
        }
        if (!Visibility.textHidden(visibility) && text == null && revSha1 == null) {
            throw new IllegalArgumentException("a text not hidden comes inline or is named by its sha1");
        }
        Objects.requireNonNull(archivedAt, "archivedAt");
        if (schema == null) {
            schema = SCHEMA;
        }
        slots = slots == null || slots.isEmpty() ? null : List.copyOf(slots);
    }

    /** Whether the text travelled in a {@link TextsArchived} pack rather than in this event. */
    public boolean textInPack() {
        return text == null && revSha1 != null;
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
