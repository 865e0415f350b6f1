package dev.palimpsest.events;

import dev.palimpsest.events.kafka.EventDeserializer.ArchiveEventDeserializer;
import dev.palimpsest.events.kafka.EventDeserializer.RevisionSubmittedDeserializer;
import dev.palimpsest.events.kafka.EventJson;
import dev.palimpsest.events.kafka.EventSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The events are nested records in Java (provenance, main text, source), but their JSON is the flat form every
 * earlier version wrote: the files under {@code wire/} were written by the flat records before the nesting, every
 * field set, and the nested ones must write exactly those bytes and read them back as the same event.
 */
class WireFormTest {

    private static final String TEXT = "Jasic 佳士 workers\n";
    private static final EventMeta META = new EventMeta(UUID.fromString("11111111-2222-3333-4444-555555555555"),
            "palimpsest.revisions.submitted", Instant.parse("2024-02-03T04:05:06.123456Z"), "req-9");
    private static final MediaWikiSource SOURCE = new MediaWikiSource("enwiki", 123L, 0, true, "wikitext",
            "text/x-wiki", "abc123", "imp-1");
    private static final Visibility VISIBILITY = new Visibility(false, true, false);
    private static final List<ContentSlot> SLOTS = List.of(ContentSlot.of("mediainfo", "wikibase-mediainfo",
            "application/json", "{}", false));
    private static final Provenance PROVENANCE = new Provenance("Title", Instant.parse("2019-01-01T00:00:00Z"), 42L,
            41L, new Performer(7L, "Ann"), "c");

    private static final RevisionSubmitted SUBMITTED = new RevisionSubmitted(null, META, "enwiki:123", PROVENANCE,
            MainText.of(TEXT), "rev:42", SOURCE, VISIBILITY, SLOTS);
    private static final RevisionArchived ARCHIVED = new RevisionArchived(RevisionArchived.SCHEMA_1_3, META,
            UUID.fromString("aaaaaaaa-2222-3333-4444-555555555555"), "enwiki:123", 3, PROVENANCE,
            MainText.named(ContentHash.sha1Hex(TEXT), ContentHash.utf8Length(TEXT)),
            Instant.parse("2024-02-03T04:05:07Z"), null, VISIBILITY, SOURCE, SLOTS);

    @Test
    void aSubmittedRevisionIsWrittenAsTheFlatJsonOfBeforeAndReadBack() throws IOException {
        String flat = resource("revision-submitted-1.3.0.json");
        assertEquals(flat, EventJson.MAPPER.writeValueAsString(SUBMITTED));
        assertEquals(SUBMITTED, EventJson.MAPPER.readValue(flat, RevisionSubmitted.class));
        assertEquals(SUBMITTED, EventJson.MAPPER.readValue(flat, SubmittedEvent.class));
    }

    @Test
    void aSubmittedRevisionOnKafkaIsTheFrameOfBefore() throws IOException {
        byte[] framed = Base64.getDecoder().decode(resource("revision-submitted-1.3.0.framed.base64"));
        assertArrayEquals(framed, new EventSerializer().serialize("t", SUBMITTED));
        assertEquals(SUBMITTED, new RevisionSubmittedDeserializer().deserialize("t", framed));
    }

    @Test
    void anArchivedRevisionIsWrittenAsTheFlatJsonOfBeforeAndReadBack() throws IOException {
        String flat = resource("revision-archived-1.3.0.json");
        assertEquals(flat, EventJson.MAPPER.writeValueAsString(ARCHIVED));
        assertEquals(ARCHIVED, new ArchiveEventDeserializer().deserialize("t", flat.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anArchivedRevisionOfEarlierVersionsCarriesItsTextAsAPlainJsonString() throws IOException {
        RevisionArchived inline = new RevisionArchived(RevisionArchived.SCHEMA_1_2, META, ARCHIVED.submissionId(),
                "enwiki:123", 3, PROVENANCE, MainText.of(TEXT), ARCHIVED.archivedAt());
        byte[] written = new EventSerializer().serialize("t", inline);
        String json = new String(written, StandardCharsets.UTF_8);
        assertEquals('{', json.charAt(0), "archived events are never framed");
        assertTrue(json.contains("\"text\":\"Jasic 佳士 workers\\n\""), json);
        assertEquals(inline, new ArchiveEventDeserializer().deserialize("t", written));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = WireFormTest.class.getResourceAsStream("/wire/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
