package dev.palimpsest.events;

import dev.palimpsest.events.kafka.EventDeserializer.ArchiveEventDeserializer;
import dev.palimpsest.events.kafka.EventDeserializer.RevisionSubmittedDeserializer;
import dev.palimpsest.events.kafka.EventDeserializer.SubmittedEventDeserializer;
import dev.palimpsest.events.kafka.EventSerializer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventJsonTest {

    private final EventSerializer serializer = new EventSerializer();

    @Test
    void submittedRoundTripsWithWikimediaStyleNames() {
        String text = "Jasic 佳士 workers\n";
        var event = new RevisionSubmitted(null, EventMeta.now(Topics.REVISIONS_SUBMITTED, "req-1"), "a:1",
                new Provenance("Title", Instant.parse("2019-01-01T00:00:00Z"), 42L, null, Performer.named("Ann"), "c"),
                new MainText(Utf8Text.of(text), ContentHash.sha1Hex(text), ContentHash.utf8Length(text)), "rev:42");

        byte[] json = serializer.serialize(Topics.REVISIONS_SUBMITTED, event);
        String asText = new String(json, StandardCharsets.UTF_8);
        assertTrue(asText.contains("\"$schema\":\"" + RevisionSubmitted.SCHEMA + "\""), asText);
        assertTrue(asText.contains("\"rev_timestamp\":\"2019-01-01T00:00:00Z\""), asText);
        assertTrue(asText.contains("\"page_title\":\"Title\""), asText);

        RevisionSubmitted back = new RevisionSubmittedDeserializer().deserialize(Topics.REVISIONS_SUBMITTED, json);
        assertEquals(event, back);
    }

    @Test
    void archiveEventsAreToldApartBySchema() {
        var archived = new RevisionArchived(null, EventMeta.now(Topics.REVISIONS_ARCHIVED, null), UUID.randomUUID(),
                "a:1", 1, new Provenance("T", Instant.parse("2020-05-05T10:00:00Z"), null, null, Performer.named("Bo"),
                null), new MainText(Utf8Text.of("text"), ContentHash.sha1Hex("text"), 4),
                Instant.parse("2020-05-05T10:00:01Z"));
        var duplicate = new SubmissionDeduplicated(null, EventMeta.now(Topics.REVISIONS_ARCHIVED, null),
                UUID.randomUUID(), "a:1", 1);
        var deserializer = new ArchiveEventDeserializer();

        ArchiveEvent first = deserializer.deserialize("t", serializer.serialize("t", archived));
        ArchiveEvent second = deserializer.deserialize("t", serializer.serialize("t", duplicate));

        assertInstanceOf(RevisionArchived.class, first);
        assertEquals(archived, first);
        assertInstanceOf(SubmissionDeduplicated.class, second);
        assertEquals(duplicate, second);
    }

    @Test
    void theSubmittedTopicCarriesRevisionsAndRedactionRequestsToldApartBySchema() {
        String text = "text";
        var revision = new RevisionSubmitted(null, EventMeta.now(Topics.REVISIONS_SUBMITTED, null), "a:1",
                new Provenance("T", Instant.parse("2020-05-05T10:00:00Z"), null, null, null, null),
                new MainText(Utf8Text.of(text), ContentHash.sha1Hex(text), 4), "k");
        var redaction = new RevisionRedactionRequested(null, EventMeta.now(Topics.REVISIONS_SUBMITTED, "req-9"),
                "a:1", 1, "personal data", Performer.named("admin"));
        var deserializer = new SubmittedEventDeserializer();

        String json = new String(serializer.serialize("t", redaction), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"$schema\":\"" + RevisionRedactionRequested.SCHEMA + "\""), json);
        assertTrue(json.contains("\"rev_seq\":1") && json.contains("\"reason\":\"personal data\""), json);
        assertEquals(redaction, deserializer.deserialize("t", serializer.serialize("t", redaction)));
        assertEquals(revision, deserializer.deserialize("t", serializer.serialize("t", revision)));
        // a redaction request is no revision: a reader of revisions alone refuses it rather than misreading it
        assertThrows(SerializationException.class, () -> new RevisionSubmittedDeserializer().deserialize("t",
                serializer.serialize("t", redaction)));
    }

    @Test
    void aSegmentRollSaysNothingButItsKind() {
        SegmentRoll roll = SegmentRoll.now();

        String json = new String(serializer.serialize("t", roll), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"$schema\":\"" + SegmentRoll.SCHEMA + "\""), json);
        assertFalse(json.contains("article_key"), json);
        assertEquals(roll, new SubmittedEventDeserializer().deserialize("t", serializer.serialize("t", roll)));
    }

    @Test
    void submittedEventsOfEarlierVersionsStillReadAsRevisions() {
        String json = """
                {"$schema":"/palimpsest/revision/submitted/1.0.0","meta":{"id":"%s","stream":"s",\
                "dt":"2020-01-01T00:00:00Z"},"article_key":"a:1","rev_timestamp":"2020-01-01T00:00:00Z",\
                "text":"x","rev_sha1":"%s","rev_len":1,"idempotency_key":"k"}"""
                .formatted(UUID.randomUUID(), ContentHash.sha1Hex("x"));
        SubmittedEvent event = new SubmittedEventDeserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));
        RevisionSubmitted revision = assertInstanceOf(RevisionSubmitted.class, event);
        assertEquals("x", revision.mainText().string());
        assertEquals("/palimpsest/revision/submitted/1.0.0", revision.schema());
    }

    @Test
    void redactionAnswersAreArchiveEvents() {
        UUID request = UUID.randomUUID();
        var redacted = new RevisionRedacted(null, EventMeta.now(Topics.REVISIONS_ARCHIVED, null), request, "a:1", 2,
                "libel", Performer.named("admin"), Instant.parse("2020-05-05T10:00:00Z"),
                Instant.parse("2020-05-05T10:00:01Z"));
        var rejected = new RedactionRejected(null, EventMeta.now(Topics.REVISIONS_ARCHIVED, null), request, "a:1", 9,
                "article 'a:1' has no revision 9");
        var deserializer = new ArchiveEventDeserializer();

        String json = new String(serializer.serialize("t", redacted), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"request_id\":\"" + request + "\"") && !json.contains("submission_id"), json);
        assertEquals(redacted, deserializer.deserialize("t", serializer.serialize("t", redacted)));
        assertEquals(rejected, deserializer.deserialize("t", serializer.serialize("t", rejected)));
        assertEquals(request, redacted.submissionId());
    }

    @Test
    void packsOfTextsTravelAsBase64AndReadBackEqual() {
        byte[] pack = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 1, 2, (byte) 0xff};
        UUID submission = UUID.randomUUID();
        var texts = new TextsArchived(null, EventMeta.now(Topics.REVISIONS_ARCHIVED, null), submission, "a:1", 3,
                ContentHash.sha1Hex("before"), java.util.List.of(ContentHash.sha1Hex("one"), ContentHash.sha1Hex("two")),
                java.util.List.of(3, 3), pack);

        byte[] json = serializer.serialize("t", texts);
        String asText = new String(json, StandardCharsets.UTF_8);
        assertTrue(asText.contains("\"$schema\":\"" + TextsArchived.SCHEMA_1_1 + "\""), "a pack in clear: " + asText);
        assertTrue(asText.contains("\"pack\":\"" + java.util.Base64.getEncoder().encodeToString(pack) + "\""),
                asText);
        assertTrue(!asText.contains("key_epoch"), asText);
        assertTrue(asText.contains("\"base_sha1\":\"" + ContentHash.sha1Hex("before") + "\""), asText);
        assertTrue(asText.contains("\"lengths\":[3,3]"), asText);
        ArchiveEvent back = new ArchiveEventDeserializer().deserialize("t", json);
        assertEquals(texts, back);
        assertEquals(submission, back.submissionId());

        // a pack of 1.0.0 (before lengths) still reads, with no lengths
        String before = asText.replace(TextsArchived.SCHEMA_1_1, TextsArchived.SCHEMA_1_0)
                .replace(",\"lengths\":[3,3]", "");
        TextsArchived old = (TextsArchived) new ArchiveEventDeserializer().deserialize("t",
                before.getBytes(StandardCharsets.UTF_8));
        assertEquals(null, old.lengths());
        assertEquals(texts.sha1s(), old.sha1s());

        // a sealed pack (1.2.0) names its key's epoch
        var sealed = new TextsArchived(null, EventMeta.now(Topics.REVISIONS_ARCHIVED, null), submission, "a:1", 3,
                null, java.util.List.of(ContentHash.sha1Hex("one")), java.util.List.of(3), pack, 2);
        String sealedJson = new String(serializer.serialize("t", sealed), StandardCharsets.UTF_8);
        assertTrue(sealedJson.contains("\"$schema\":\"" + TextsArchived.SCHEMA + "\""), sealedJson);
        assertTrue(sealedJson.endsWith(",\"key_epoch\":2}"), sealedJson);
        assertEquals(sealed, new ArchiveEventDeserializer().deserialize("t", serializer.serialize("t", sealed)));
        assertTrue(((TextsArchived) new ArchiveEventDeserializer().deserialize("t", serializer.serialize("t", sealed)))
                .sealed());
    }

    @Test
    void aPackWhoseLengthsDoNotMatchItsTextsCannotBeMade() {
        assertThrows(IllegalArgumentException.class, () -> new TextsArchived(null,
                EventMeta.now(Topics.REVISIONS_ARCHIVED, null), UUID.randomUUID(), "a:1", 1, null,
                java.util.List.of(ContentHash.sha1Hex("one")), java.util.List.of(3, 3), new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new TextsArchived(null,
                EventMeta.now(Topics.REVISIONS_ARCHIVED, null), UUID.randomUUID(), "a:1", 1, null,
                java.util.List.of(ContentHash.sha1Hex("one")), java.util.List.of(-1), new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new TextsArchived(TextsArchived.SCHEMA,
                EventMeta.now(Topics.REVISIONS_ARCHIVED, null), UUID.randomUUID(), "a:1", 1, null,
                java.util.List.of(ContentHash.sha1Hex("one")), null, new byte[] {1}), "1.2.0 without lengths");
        assertThrows(IllegalArgumentException.class, () -> new TextsArchived(TextsArchived.SCHEMA_1_1,
                EventMeta.now(Topics.REVISIONS_ARCHIVED, null), UUID.randomUUID(), "a:1", 1, null,
                java.util.List.of(ContentHash.sha1Hex("one")), java.util.List.of(3), new byte[] {1}, 1),
                "a sealed pack of 1.1.0");
    }

    @Test
    void aRevisionWhoseTextIsInAPackCarriesItsSha1AndNoText() {
        var archived = new RevisionArchived(null, EventMeta.now(Topics.REVISIONS_ARCHIVED, null), UUID.randomUUID(),
                "a:1", 1, new Provenance("T", Instant.parse("2020-05-05T10:00:00Z"), null, null, Performer.named("Bo"),
                null), new MainText(null, ContentHash.sha1Hex("text"), 4), Instant.parse("2020-05-05T10:00:01Z"));

        String json = new String(serializer.serialize("t", archived), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"$schema\":\"" + RevisionArchived.SCHEMA + "\"") && json.contains("\"text\":null"),
                json);
        RevisionArchived back = assertInstanceOf(RevisionArchived.class,
                new ArchiveEventDeserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(archived, back);
        assertTrue(back.textInPack());
        assertThrows(IllegalArgumentException.class, () -> new RevisionArchived(null,
                EventMeta.now(Topics.REVISIONS_ARCHIVED, null), UUID.randomUUID(), "a:1", 1, new Provenance("T",
                Instant.parse("2020-05-05T10:00:00Z"), null, null, null, null), new MainText(null, null, 0),
                Instant.parse("2020-05-05T10:00:01Z")), "a visible text with neither text nor sha1");
    }

    @Test
    void revisionsOfEarlierVersionsStillCarryTheirTextInline() {
        String json = """
                {"$schema":"/palimpsest/revision/archived/1.2.0",
                 "meta":{"id":"%s","stream":"palimpsest.revisions.archived","dt":"2020-05-05T10:00:01Z"},
                 "submission_id":"%s","article_key":"a:1","rev_seq":1,"rev_timestamp":"2020-05-05T10:00:00Z",
                 "text":"x","rev_sha1":"%s","rev_len":1,"archived_at":"2020-05-05T10:00:01Z"}
                """.formatted(UUID.randomUUID(), UUID.randomUUID(), ContentHash.sha1Hex("x"));
        RevisionArchived back = assertInstanceOf(RevisionArchived.class,
                new ArchiveEventDeserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8)));
        assertEquals("x", back.mainText().string());
        assertEquals(RevisionArchived.SCHEMA_1_2, back.schema());
        assertTrue(!back.textInPack());
    }

    @Test
    void garbageIsASerializationException() {
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
        assertThrows(SerializationException.class,
                () -> new RevisionSubmittedDeserializer().deserialize("t", garbage));
    }
}
