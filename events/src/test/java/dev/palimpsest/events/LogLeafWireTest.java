package dev.palimpsest.events;

import dev.palimpsest.events.kafka.EventDeserializer.ArchiveEventDeserializer;
import dev.palimpsest.events.kafka.EventJson;
import dev.palimpsest.events.kafka.EventSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The archive's answers say where their record is in the transparency log ({@code leaf}, since the versions below),
 * with a revision's salts in base64; an answer without a leaf is written exactly as before, and answers of the
 * versions before read as having none.
 */
class LogLeafWireTest {

    private static final EventMeta META = new EventMeta(UUID.fromString("11111111-2222-3333-4444-555555555555"),
            Topics.REVISIONS_ARCHIVED, Instant.parse("2024-02-03T04:05:06.123456Z"), "req-9");
    private static final UUID SUBMISSION = UUID.fromString("aaaaaaaa-2222-3333-4444-555555555555");
    private static final byte[] SALTS = new byte[48];
    private static final byte[] COMMITMENT = new byte[32];

    static {
        for (int i = 0; i < SALTS.length; i++) {
            SALTS[i] = (byte) i;
        }
    }

    private static ArchiveEvent roundTrip(ArchiveEvent event) {
        byte[] written = new EventSerializer().serialize("t", event);
        return new ArchiveEventDeserializer().deserialize("t", written);
    }

    @Test
    void eachAnswerCarriesItsLeafAndReadsBackEqual() {
        Performer admin = Performer.named("Admin");
        Instant at = Instant.parse("2024-02-03T04:05:07Z");
        List<ArchiveEvent> answers = List.of(
                new RevisionArchived(null, META, SUBMISSION, "k", 3, new Provenance("T", at, 1L, null, null, "c"),
                        MainText.named("dc985dbaeab166234d9f6bed8882028186dfcee8", 21), at, null, null, null, null,
                        new LogLeaf(2, 12, SALTS, COMMITMENT)),
                new SubmissionDeduplicated(null, META, SUBMISSION, "k", 3, at, new LogLeaf(2, 13)),
                new RevisionRedacted(null, META, SUBMISSION, "k", 3, "libel", admin, at, at, new LogLeaf(2, 14)),
                new RedactionRejected(null, META, SUBMISSION, "k", 9, "no revision 9", "libel", admin, at, at,
                        new LogLeaf(2, 15)));
        for (ArchiveEvent answer : answers) {
            assertEquals(answer, roundTrip(answer), answer.schema());
            assertEquals(answer.leaf(), roundTrip(answer).leaf());
        }
        String json = new String(new EventSerializer().serialize("t", answers.get(0)), StandardCharsets.UTF_8);
        assertTrue(json.endsWith(",\"leaf\":{\"log\":2,\"index\":12,"
                + "\"salts\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v\","
                + "\"text_commitment\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}}"), json);
        String duplicate = new String(new EventSerializer().serialize("t", answers.get(1)), StandardCharsets.UTF_8);
        assertTrue(duplicate.contains("\"leaf\":{\"log\":2,\"index\":13}"), "no salts where a leaf has none");
    }

    @Test
    void anAnswerOfAnEarlierVersionReadsAsNoLeafAndOneWithoutIsWrittenAsBefore() throws Exception {
        String before = "{\"$schema\":\"/palimpsest/submission/deduplicated/1.0.0\",\"meta\":{\"id\":"
                + "\"11111111-2222-3333-4444-555555555555\",\"stream\":\"palimpsest.revisions.archived\",\"dt\":"
                + "\"2024-02-03T04:05:06.123456Z\",\"request_id\":\"req-9\"},\"submission_id\":"
                + "\"aaaaaaaa-2222-3333-4444-555555555555\",\"article_key\":\"k\",\"rev_seq\":3}";
        ArchiveEvent read = new ArchiveEventDeserializer().deserialize("t", before.getBytes(StandardCharsets.UTF_8));
        assertNull(read.leaf());
        assertEquals(before, EventJson.MAPPER.writeValueAsString(read), "written back byte for byte");
        assertFalse(EventJson.MAPPER.writeValueAsString(new TextsArchived(null, META, SUBMISSION, "k", 1, null,
                List.of("dc985dbaeab166234d9f6bed8882028186dfcee8"), List.of(1), new byte[] {1})).contains("leaf"));
    }

    @Test
    void aLeafIsNeverNegative() {
        assertThrows(IllegalArgumentException.class, () -> new LogLeaf(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LogLeaf(0, -1));
    }
}
