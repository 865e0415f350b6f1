package dev.palimpsest.events.kafka;

import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.MainText;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.Provenance;
import dev.palimpsest.events.RevisionRedactionRequested;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.SubmittedEvent;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.Utf8Text;
import dev.palimpsest.events.kafka.EventDeserializer.SubmittedEventDeserializer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventFrameTest {

    /** Everything JSON would have to escape, and every UTF-8 length. */
    private static final String AWKWARD = "\"quoted\" \\ back\tslash\n\r\u0001 é 佳士 😀 </script> \u2028 end";

    private final EventSerializer serializer = new EventSerializer();
    private final SubmittedEventDeserializer deserializer = new SubmittedEventDeserializer();

    private static RevisionSubmitted revision(String text) {
        return new RevisionSubmitted(null, EventMeta.now(Topics.REVISIONS_SUBMITTED, "req"), "a:1", new Provenance("T",
                Instant.parse("2020-01-01T00:00:00Z"), 7L, null, Performer.named("Ann"), "an edit \"c\""),
                new MainText(Utf8Text.of(text), ContentHash.sha1Hex(text), ContentHash.utf8Length(text)), "rev:7");
    }

    @Test
    void aRevisionTravelsFramedWithItsTextBytesAfterTheJsonAndReadsBackEqual() {
        RevisionSubmitted event = revision(AWKWARD);
        byte[] frame = serializer.serialize(Topics.REVISIONS_SUBMITTED, event);

        assertEquals(0, frame[0], "a frame starts with a zero byte");
        byte[] utf8 = AWKWARD.getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(utf8, Arrays.copyOfRange(frame, frame.length - utf8.length, frame.length),
                "the text's bytes end the frame, as they are");
        int jsonLength = ByteBuffer.wrap(frame, 2, 4).getInt();
        String json = new String(frame, 6, jsonLength, StandardCharsets.UTF_8);
        assertTrue(json.contains("\"text\":[0," + utf8.length + "]"), json);
        assertFalse(json.contains("佳士"), json);

        SubmittedEvent back = deserializer.deserialize(Topics.REVISIONS_SUBMITTED, frame);
        assertEquals(event, back);
        assertEquals(AWKWARD, ((RevisionSubmitted) back).mainText().string());
    }

    @Test
    void outsideAFrameTheTextIsAJsonStringAndBothFormsReadAlike() throws Exception {
        RevisionSubmitted event = revision(AWKWARD);
        String json = EventJson.MAPPER.writeValueAsString(event);
        assertTrue(json.contains("佳士"), json);
        assertEquals(event, deserializer.deserialize("t", json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(event, EventJson.MAPPER.readValue(json, SubmittedEvent.class));
    }

    @Test
    void eventsWithoutTextsStayPlainJson() {
        var redaction = new RevisionRedactionRequested(null, EventMeta.now(Topics.REVISIONS_SUBMITTED, "r"), "a:1",
                1, "libel", Performer.named("admin"));
        byte[] bytes = serializer.serialize("t", redaction);
        assertEquals('{', bytes[0]);
        assertEquals(redaction, deserializer.deserialize("t", bytes));
        var hidden = new RevisionSubmitted(null, EventMeta.now(Topics.REVISIONS_SUBMITTED, "req"), "a:1",
                new Provenance("T", Instant.parse("2020-01-01T00:00:00Z"), 7L, null, null, null), new MainText(null,
                null, -1), "rev:7", null, dev.palimpsest.events.Visibility.of(true, false, false));
        byte[] hiddenBytes = serializer.serialize("t", hidden);
        assertEquals('{', hiddenBytes[0], "a hidden text is no text: nothing to frame");
        assertEquals(hidden, deserializer.deserialize("t", hiddenBytes));
    }

    @Test
    void anEmptyTextIsATextFramedAsSuch() {
        RevisionSubmitted event = revision("");
        RevisionSubmitted back = (RevisionSubmitted) deserializer.deserialize("t", serializer.serialize("t", event));
        assertEquals(0, back.mainText().text().length());
        assertEquals(event, back);
    }

    @Test
    void damagedFramesAreRefusedNotMisread() {
        byte[] frame = serializer.serialize("t", revision("some text"));
        // cut: the text runs past the end
        byte[] cut = Arrays.copyOf(frame, frame.length - 3);
        assertThrows(SerializationException.class, () -> deserializer.deserialize("t", cut));
        // a JSON length past the end
        byte[] longJson = frame.clone();
        ByteBuffer.wrap(longJson, 2, 4).putInt(frame.length);
        assertThrows(SerializationException.class, () -> deserializer.deserialize("t", longJson));
        // an unknown layout
        byte[] layout = frame.clone();
        layout[1] = 9;
        assertThrows(SerializationException.class, () -> deserializer.deserialize("t", layout));
        // a frame too short for its header
        assertThrows(SerializationException.class, () -> deserializer.deserialize("t", new byte[]{0, 1, 0}));
        // bytes that are no UTF-8 (a lone continuation byte, an overlong slash, an encoded surrogate)
        for (byte[] bad : new byte[][]{{(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}) {
            byte[] notUtf8 = frame.clone();
            System.arraycopy(bad, 0, notUtf8, notUtf8.length - bad.length, bad.length);
            assertThrows(SerializationException.class, () -> deserializer.deserialize("t", notUtf8),
                    Arrays.toString(bad));
        }
        // a framed text in plain JSON, where no frame holds its bytes
        int jsonLength = ByteBuffer.wrap(frame, 2, 4).getInt();
        byte[] json = Arrays.copyOfRange(frame, 6, 6 + jsonLength);
        assertThrows(SerializationException.class, () -> deserializer.deserialize("t", json));
    }

    @Test
    void aTextKeepsTheBytesItWasGivenAndDecodesThemOnce() {
        byte[] utf8 = "佳士".getBytes(StandardCharsets.UTF_8);
        Utf8Text text = Utf8Text.ofUtf8(utf8);
        assertEquals(6, text.length());
        assertEquals("佳士", text.string());
        assertEquals(text, Utf8Text.of("佳士"));
        assertEquals(text.hashCode(), Utf8Text.of("佳士").hashCode());
        assertEquals(null, Utf8Text.of(null));
    }
}
