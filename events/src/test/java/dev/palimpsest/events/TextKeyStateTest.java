package dev.palimpsest.events;

import dev.palimpsest.events.kafka.EventDeserializer.TextKeyStateDeserializer;
import dev.palimpsest.events.kafka.EventSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A text key on the keys topic: held (its bytes in base64) or destroyed (a marker without them), read back equal. */
class TextKeyStateTest {

    private static final byte[] KEY = new byte[32];

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) (7 * i);
        }
    }

    private static TextKeyState roundTrip(TextKeyState state) {
        return new TextKeyStateDeserializer().deserialize("t", new EventSerializer().serialize("t", state));
    }

    @Test
    void aHeldKeyTravelsInBase64AndReadsBackEqual() {
        TextKeyState held = TextKeyState.held("jasic", 2, KEY);
        TextKeyState read = roundTrip(held);

        assertEquals(held, read);
        assertArrayEquals(KEY, read.key());
        assertFalse(read.isDestroyed());
        assertEquals("2:jasic", TextKeyState.topicKey("jasic", 2));
        String json = new String(new EventSerializer().serialize("t", held), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"$schema\":\"/palimpsest/text-key/1.0.0\""), json);
        assertTrue(json.contains("\"article_key\":\"jasic\",\"epoch\":2,\"key\":\"AAcOFRwjKjE4P0ZNVFtiaXB3foWMk5qhqK+2vcTL0tk=\""),
                json);
        assertFalse(held.toString().contains("AAcO"), "a key never in a log line");
    }

    @Test
    void aDestroyedKeyIsAMarkerWithoutItsBytes() {
        UUID redaction = UUID.fromString("aaaaaaaa-2222-3333-4444-555555555555");
        TextKeyState destroyed = TextKeyState.destroyed("jasic", 1, Instant.parse("2026-12-04T10:00:00Z"), redaction);
        TextKeyState read = roundTrip(destroyed);

        assertEquals(destroyed, read);
        assertTrue(read.isDestroyed());
        assertNull(read.key());
        assertEquals(redaction, read.destroyedBy());
    }

    @Test
    void aKeyIsEitherHeldOrDestroyedAndThirtyTwoBytes() {
        EventMeta meta = EventMeta.now(Topics.TEXT_KEYS, "1:k");
        Instant at = Instant.now();
        assertThrows(IllegalArgumentException.class, () -> new TextKeyState(null, meta, "k", 1, KEY, at, null));
        assertThrows(IllegalArgumentException.class, () -> new TextKeyState(null, meta, "k", 1, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new TextKeyState(null, meta, "k", 1, new byte[16], null,
                null));
        assertThrows(IllegalArgumentException.class, () -> new TextKeyState(null, meta, "k", 0, KEY, null, null));
    }
}
