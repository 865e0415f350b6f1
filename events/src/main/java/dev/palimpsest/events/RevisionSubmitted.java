package dev.palimpsest.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A revision accepted by ingest and not yet archived. Published to {@link Topics#REVISIONS_SUBMITTED} keyed by
 * {@link #articleKey()}, so all revisions of one article are read in the order they were submitted.
 *
 * @param revTimestamp   when the edit was made (valid time); ingest fills in its own clock when the client gave none
 * @param revId          the revision id at the source (e.g. MediaWiki's rev_id), unique per article when present
 * @param text           the revision's text, as its UTF-8 bytes; null when hidden
 * @param revSha1        lowercase hex SHA-1 of the UTF-8 bytes of {@code text}
 * @param revLen         length of {@code text} in UTF-8 bytes
 * @param idempotencyKey what makes two submissions "the same revision": the archive stores one of each key per
 *                       article
 * @param source         MediaWiki metadata of an imported revision; null for revisions submitted one by one
 * @param visibility     what the source hides of the revision; null when nothing (then {@code text} is required)
 * @param slots          content in slots other than main (MediaWiki multi-content revisions); null when none
 */
public record RevisionSubmitted(
        @JsonProperty("$schema") String schema,
        EventMeta meta,
        String articleKey,
        String pageTitle,
        Instant revTimestamp,
        Long revId,
        Long revParentId,
        Performer performer,
        String comment,
        Utf8Text text,
        String revSha1,
        long revLen,
        String idempotencyKey,
        MediaWikiSource source,
        Visibility visibility,
        List<ContentSlot> slots) implements SubmittedEvent {

    /**
     * 1.1.0 added {@code source} and {@code visibility}, 1.2.0 {@code slots}; readers of earlier versions ignore
     * them. 1.3.0: on Kafka the text travels framed beside the JSON ({@link dev.palimpsest.events.kafka.EventFrame});
     * the JSON is otherwise unchanged.
     */
    public static final String SCHEMA = "/palimpsest/revision/submitted/1.3.0";
    public static final String SCHEMA_1_2 = "/palimpsest/revision/submitted/1.2.0";
    public static final String SCHEMA_1_1 = "/palimpsest/revision/submitted/1.1.0";
    public static final String SCHEMA_1_0 = "/palimpsest/revision/submitted/1.0.0";

    public RevisionSubmitted {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(articleKey, "articleKey");
        if (Visibility.textHidden(visibility) != (text == null)) {
            throw new IllegalArgumentException("text must be given exactly when it is not hidden");
        }
        Objects.requireNonNull(revTimestamp, "revTimestamp");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (schema == null) {
            schema = SCHEMA;
        }
        slots = slots == null || slots.isEmpty() ? null : List.copyOf(slots);
    }

    /** A revision whose text is given as a string (encoded here). */
    public RevisionSubmitted(String schema, EventMeta meta, String articleKey, String pageTitle, Instant revTimestamp,
                             Long revId, Long revParentId, Performer performer, String comment, String text,
                             String revSha1, long revLen, String idempotencyKey, MediaWikiSource source,
                             Visibility visibility, List<ContentSlot> slots) {
        this(schema, meta, articleKey, pageTitle, revTimestamp, revId, revParentId, performer, comment,
                Utf8Text.of(text), revSha1, revLen, idempotencyKey, source, visibility, slots);
    }

    /** A revision with only a main slot. */
    public RevisionSubmitted(String schema, EventMeta meta, String articleKey, String pageTitle, Instant revTimestamp,
                             Long revId, Long revParentId, Performer performer, String comment, String text,
                             String revSha1, long revLen, String idempotencyKey, MediaWikiSource source,
                             Visibility visibility) {
        this(schema, meta, articleKey, pageTitle, revTimestamp, revId, revParentId, performer, comment,
                Utf8Text.of(text), revSha1, revLen, idempotencyKey, source, visibility, null);
    }

    /** A revision without MediaWiki source metadata. */
    public RevisionSubmitted(String schema, EventMeta meta, String articleKey, String pageTitle, Instant revTimestamp,
                             Long revId, Long revParentId, Performer performer, String comment, String text,
                             String revSha1, long revLen, String idempotencyKey) {
        this(schema, meta, articleKey, pageTitle, revTimestamp, revId, revParentId, performer, comment,
                Utf8Text.of(text), revSha1, revLen, idempotencyKey, null, null, null);
    }
}
