package dev.palimpsest.events;

import dev.palimpsest.events.kafka.EventDeserializer;
import dev.palimpsest.events.kafka.EventSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RevertDetailsTest {

    @Test
    void restoringAnEarlierRevisionRevertsEverythingBetween() {
        RevertDetails revert = RevertDetails.of(2, 6);
        assertEquals(new RevertDetails(2, 3, 5), revert);
        assertArrayEquals(new int[] {3, 4, 5}, revert.revertedRevSeqs());
    }

    @Test
    void equalToTheRevisionJustBeforeIsANullEditNotARevert() {
        assertNull(RevertDetails.of(4, 5));
    }

    @Test
    void inconsistentDetailsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RevertDetails(2, 4, 5));
        assertThrows(IllegalArgumentException.class, () -> new RevertDetails(0, 1, 1));
    }

    @Test
    void anEventOfTheFormerSchemaIsStillRead() {
        RevisionArchived current = new RevisionArchived(RevisionArchived.SCHEMA, EventMeta.now("s", null),
                UUID.randomUUID(), "k", 3, new Provenance("T", Instant.parse("2020-01-01T00:00:00Z"), null, null, null,
                null), MainText.of("x"),
                Instant.parse("2020-01-02T00:00:00Z"), RevertDetails.of(1, 3), null, null);
        String json = new String(new EventSerializer().serialize("t", current), StandardCharsets.UTF_8);
        ArchiveEvent back = new EventDeserializer.ArchiveEventDeserializer()
                .deserialize("t", json.getBytes(StandardCharsets.UTF_8));
        assertEquals(current, back);

        String former = json.replace(RevisionArchived.SCHEMA, RevisionArchived.SCHEMA_1_0)
                .replaceAll(",\"revert\":\\{[^}]*\\}", "");
        RevisionArchived old = (RevisionArchived) new EventDeserializer.ArchiveEventDeserializer()
                .deserialize("t", former.getBytes(StandardCharsets.UTF_8));
        assertNull(old.revert());
        assertEquals(RevisionArchived.SCHEMA_1_0, old.schema());
    }
}
