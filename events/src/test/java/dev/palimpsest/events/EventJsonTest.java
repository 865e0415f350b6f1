package dev.palimpsest.events;

import dev.palimpsest.events.kafka.EventDeserializer.ArchiveEventDeserializer;
import dev.palimpsest.events.kafka.EventDeserializer.RevisionSubmittedDeserializer;
import dev.palimpsest.events.kafka.EventSerializer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventJsonTest {

    private final EventSerializer serializer = new EventSerializer();

    @Test
    void submittedRoundTripsWithWikimediaStyleNames() {
        String text = "Jasic 佳士 workers\n";
        var event = new RevisionSubmitted(null, EventMeta.now(Topics.REVISIONS_SUBMITTED, "req-1"), "a:1",
                "Title", Instant.parse("2019-01-01T00:00:00Z"), 42L, null, Performer.named("Ann"), "c", text,
                ContentHash.sha1Hex(text), ContentHash.utf8Length(text), "rev:42");

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
                "a:1", 1, "T", Instant.parse("2020-05-05T10:00:00Z"), null, null, Performer.named("Bo"), null,
                "text", ContentHash.sha1Hex("text"), 4, Instant.parse("2020-05-05T10:00:01Z"));
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
    void garbageIsASerializationException() {
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
        assertThrows(SerializationException.class,
                () -> new RevisionSubmittedDeserializer().deserialize("t", garbage));
    }
}
