package dev.palimpsest.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A revision the archive stored for the first time, with its per-article sequence number and the time the archive
 * learned it ({@code archivedAt}, transaction time). Canonical: readers build their models from these alone.
 *
 * <p>In Java the event is nested (what the revision says of itself, its text, its source); on the wire it is the
 * flat JSON it always was ({@link Wire}), so every version written before still reads.
 *
 * <p>{@code revert} is deprecated and no longer filled (null): whether a revision reverts others depends on the
 * history in edit order, which a later backfill can change, so readers derive it where they read the history
 * (ADR 0005). Kept in the schema so events of 1.1.0 still read.
 *
 * <p>Since 1.3.0 the text's bytes are not here ({@code mainText.text()} null) when they travelled in a
 * {@link TextsArchived} pack published before this event on the same partition (readers find them by
 * {@code articleKey} and the text's sha1); events of earlier versions carry them inline, and readers keep accepting
 * both. A text hidden at the source has neither ({@link MainText#HIDDEN}).
 */
public record RevisionArchived(
        String schema,
        EventMeta meta,
        UUID submissionId,
        String articleKey,
        int revSeq,
        Provenance provenance,
        MainText mainText,
        Instant archivedAt,
        RevertDetails revert,
        Visibility visibility,
        MediaWikiSource source,
        List<ContentSlot> slots,
        LogLeaf leaf) implements ArchiveEvent {

    /**
     * 1.1.0 added {@code revert}, {@code visibility} and {@code source}, 1.2.0 {@code slots} (content in slots other
     * than main, null when none); events of earlier versions read as having none. 1.3.0: the main text may be in a
     * {@link TextsArchived} pack instead ({@code text} null, {@code revSha1} given). 1.4.0 added {@code leaf}, where
     * the revision is in the transparency log (absent for revisions archived before the log existed).
     */
    public static final String SCHEMA = "/palimpsest/revision/archived/1.4.0";
    public static final String SCHEMA_1_3 = "/palimpsest/revision/archived/1.3.0";
    public static final String SCHEMA_1_2 = "/palimpsest/revision/archived/1.2.0";
    public static final String SCHEMA_1_1 = "/palimpsest/revision/archived/1.1.0";
    public static final String SCHEMA_1_0 = "/palimpsest/revision/archived/1.0.0";

    public RevisionArchived {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(articleKey, "articleKey");
        Objects.requireNonNull(provenance, "provenance");
        mainText = mainText == null ? MainText.HIDDEN : mainText;
        if (Visibility.textHidden(visibility) && (mainText.text() != null || mainText.sha1() != null)) {
            throw new IllegalArgumentException("a text hidden at the source has neither text nor sha1");
        }
        if (!Visibility.textHidden(visibility) && mainText.text() == null && mainText.sha1() == null) {
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
        return mainText.text() == null && mainText.sha1() != null;
    }

    /** A revision that is no leaf of the transparency log (archived before it existed, or in tests). */
    public RevisionArchived(String schema, EventMeta meta, UUID submissionId, String articleKey, int revSeq,
                            Provenance provenance, MainText mainText, Instant archivedAt, RevertDetails revert,
                            Visibility visibility, MediaWikiSource source, List<ContentSlot> slots) {
        this(schema, meta, submissionId, articleKey, revSeq, provenance, mainText, archivedAt, revert, visibility,
                source, slots, null);
    }

    /** A revision with only a main slot. */
    public RevisionArchived(String schema, EventMeta meta, UUID submissionId, String articleKey, int revSeq,
                            Provenance provenance, MainText mainText, Instant archivedAt, RevertDetails revert,
                            Visibility visibility, MediaWikiSource source) {
        this(schema, meta, submissionId, articleKey, revSeq, provenance, mainText, archivedAt, revert, visibility,
                source, null);
    }

    /** A visible revision with only a main slot, reverting nothing, without MediaWiki source metadata. */
    public RevisionArchived(String schema, EventMeta meta, UUID submissionId, String articleKey, int revSeq,
                            Provenance provenance, MainText mainText, Instant archivedAt) {
        this(schema, meta, submissionId, articleKey, revSeq, provenance, mainText, archivedAt, null, null, null, null);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static RevisionArchived fromWire(Wire wire) {
        return new RevisionArchived(wire.schema, wire.meta, wire.submissionId, wire.articleKey, wire.revSeq,
                new Provenance(wire.pageTitle, wire.revTimestamp, wire.revId, wire.revParentId, wire.performer,
                        wire.comment),
                new MainText(Utf8Text.of(wire.text), wire.revSha1, wire.revLen), wire.archivedAt, wire.revert, wire.visibility,
                wire.source, wire.slots, wire.leaf);
    }

    @JsonValue
    Wire toWire() {
        return new Wire(schema, meta, submissionId, articleKey, revSeq, provenance.pageTitle(),
                provenance.revTimestamp(), provenance.revId(), provenance.revParentId(), provenance.performer(),
                provenance.comment(), mainText.string(), mainText.sha1(), mainText.length(), archivedAt, revert,
                visibility, source, slots, leaf);
    }

    /**
     * The JSON of every version of this event: flat, its fields in this order. The text is a plain JSON string,
     * as it always was: only events of 1.2.0 and earlier carry one, and archived events are never framed.
     */
    record Wire(
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
            List<ContentSlot> slots,
            // absent rather than null, so an event without one is written as before 1.4.0
            @JsonInclude(JsonInclude.Include.NON_NULL) LogLeaf leaf) {
    }
}
