package dev.palimpsest.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A revision accepted by ingest and not yet archived. Published to {@link Topics#REVISIONS_SUBMITTED} keyed by
 * {@link #articleKey()}, so all revisions of one article are read in the order they were submitted.
 *
 * <p>In Java the event is nested (what the revision says of itself, its text, its source); on the wire it is the
 * flat JSON it always was ({@link Wire}), so every version written before still reads and readers of the topic
 * see no change.
 *
 * @param provenance     who made it, when, under which title; ingest fills in its own clock as the timestamp when
 *                       the client gave none
 * @param mainText       the main text (on Kafka its bytes travel framed beside the JSON); {@link MainText#HIDDEN}
 *                       when hidden
 * @param idempotencyKey what makes two submissions "the same revision": the archive stores one of each key per
 *                       article
 * @param source         MediaWiki metadata of an imported revision; null for revisions submitted one by one
 * @param visibility     what the source hides of the revision; null when nothing (then the text is required)
 * @param slots          content in slots other than main (MediaWiki multi-content revisions); null when none
 */
public record RevisionSubmitted(
        String schema,
        EventMeta meta,
        String articleKey,
        Provenance provenance,
        MainText mainText,
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
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(provenance.revTimestamp(), "revTimestamp");
        mainText = mainText == null ? MainText.HIDDEN : mainText;
        if (Visibility.textHidden(visibility) != (mainText.text() == null)) {
            throw new IllegalArgumentException("text must be given exactly when it is not hidden");
        }
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (schema == null) {
            schema = SCHEMA;
        }
        slots = slots == null || slots.isEmpty() ? null : List.copyOf(slots);
    }

    /** A revision with only a main slot. */
    public RevisionSubmitted(String schema, EventMeta meta, String articleKey, Provenance provenance,
                             MainText mainText, String idempotencyKey, MediaWikiSource source, Visibility visibility) {
        this(schema, meta, articleKey, provenance, mainText, idempotencyKey, source, visibility, null);
    }

    /** A visible revision with only a main slot and without MediaWiki source metadata. */
    public RevisionSubmitted(String schema, EventMeta meta, String articleKey, Provenance provenance,
                             MainText mainText, String idempotencyKey) {
        this(schema, meta, articleKey, provenance, mainText, idempotencyKey, null, null, null);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static RevisionSubmitted fromWire(Wire wire) {
        return new RevisionSubmitted(wire.schema, wire.meta, wire.articleKey,
                new Provenance(wire.pageTitle, wire.revTimestamp, wire.revId, wire.revParentId, wire.performer,
                        wire.comment),
                new MainText(wire.text, wire.revSha1, wire.revLen), wire.idempotencyKey, wire.source,
                wire.visibility, wire.slots);
    }

    @JsonValue
    Wire toWire() {
        return new Wire(schema, meta, articleKey, provenance.pageTitle(), provenance.revTimestamp(),
                provenance.revId(), provenance.revParentId(), provenance.performer(), provenance.comment(),
                mainText.text(), mainText.sha1(), mainText.length(), idempotencyKey, source, visibility, slots);
    }

    /** The JSON of every version of this event: flat, its fields in this order. */
    record Wire(
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
            List<ContentSlot> slots) {
    }
}
