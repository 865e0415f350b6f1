package dev.palimpsest.events.kafka;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.google.common.base.Utf8;
import dev.palimpsest.events.Utf8Text;
import org.apache.kafka.common.errors.SerializationException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of an event on Kafka. An event with no {@link Utf8Text} is its UTF-8 JSON, as it always was. One with
 * texts is <em>framed</em>: the JSON names each text by where its bytes are, and the bytes follow the JSON as they
 * are, so neither side turns a 67 KB text into JSON string escapes and back (ADR 0037):
 *
 * <pre>
 *   0x00            a frame (JSON never starts with a zero byte)
 *   0x01            the frame's layout
 *   4 bytes         n, the JSON's length, big-endian
 *   n bytes         the event's JSON; each text in it is [offset, length] into what follows
 *   the rest        the texts' UTF-8 bytes, one after the other
 * </pre>
 *
 * <p>Outside a frame (plain JSON, an HTTP body, a test) a text is a JSON string. A reader of either form gets the
 * same event.
 */
public final class EventFrame {

    private static final byte FRAMED = 0x00;
    private static final byte LAYOUT = 0x01;
    private static final int HEADER = 6;
    /** The attribute under which the (de)serializers below find the frame being written or read. */
    private static final Object ATTRIBUTE = EventFrame.class;
    private static final ObjectWriter WRITER = EventJson.MAPPER.writer();
    private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return EventJson.MAPPER.readerFor(type);
        }
    };

    private EventFrame() {
    }

    /** {@code event} as the bytes of a Kafka record: framed when it holds texts, plain JSON otherwise. */
    public static byte[] write(Object event) {
        Texts texts = new Texts();
        byte[] json;
        try {
            json = WRITER.withAttribute(ATTRIBUTE, texts).writeValueAsBytes(event);
        } catch (IOException e) {
            throw new SerializationException("cannot write " + event.getClass().getSimpleName() + " as JSON", e);
        }
        if (texts.parts.isEmpty()) {
            return json;
        }
        if ((long) HEADER + json.length + texts.length > Integer.MAX_VALUE - 1024) {
            throw new SerializationException(event.getClass().getSimpleName() + " too large for one record");
        }
        byte[] frame = new byte[HEADER + json.length + (int) texts.length];
        ByteBuffer out = ByteBuffer.wrap(frame);
        out.put(FRAMED).put(LAYOUT).putInt(json.length).put(json);
        texts.parts.forEach(out::put);
        return frame;
    }

    /**
     * The event of type {@code type} in a record's bytes, framed or plain JSON.
     *
     * @throws IOException when the bytes are neither, or the JSON is not such an event
     */
    public static <T> T read(byte[] data, Class<T> type) throws IOException {
        ObjectReader reader = READERS.get(type);
        if (data.length == 0 || data[0] != FRAMED) {
            return reader.readValue(data);
        }
        if (data.length < HEADER || data[1] != LAYOUT) {
            throw new IOException("not an event frame of a known layout");
        }
        int jsonLength = ByteBuffer.wrap(data, 2, 4).getInt();
        if (jsonLength < 0 || jsonLength > data.length - HEADER) {
            throw new IOException("an event frame's JSON runs past its end");
        }
        return reader.withAttribute(ATTRIBUTE, new Source(data, HEADER + jsonLength))
                .readValue(data, HEADER, jsonLength);
    }

    /** The texts of a frame being written, in order; their total length is checked once, by {@link #write}. */
    private static final class Texts {
        final List<byte[]> parts = new ArrayList<>();
        long length;

        long add(byte[] utf8) {
            long offset = length;
            parts.add(utf8);
            length += utf8.length;
            return offset;
        }
    }

    /** A frame being read: its bytes and where its texts start. */
    private record Source(byte[] frame, int textsStart) {
        byte[] text(int offset, int length) throws IOException {
            int from = textsStart + offset;
            if (offset < 0 || length < 0 || from < textsStart || length > frame.length - from) {
                throw new IOException("a text at " + offset + " (" + length + " bytes) lies outside its frame");
            }
            // a JSON string is UTF-8 by construction; bytes beside it must be checked, or a producer other than
            // ingest could have the archive hash, chain and ship text no reader can decode
            if (!Utf8.isWellFormed(frame, from, length)) {
                throw new IOException("the text at " + offset + " (" + length + " bytes) is not well-formed UTF-8");
            }
            return Arrays.copyOfRange(frame, from, from + length);
        }
    }

    /** Writes a text as [offset, length] inside a frame being written, as a JSON string anywhere else. */
    public static final class TextWriter extends JsonSerializer<Utf8Text> {
        @Override
        public void serialize(Utf8Text text, JsonGenerator json, SerializerProvider provider) throws IOException {
            if (provider.getAttribute(ATTRIBUTE) instanceof Texts texts) {
                json.writeStartArray();
                json.writeNumber(texts.add(text.utf8()));
                json.writeNumber(text.length());
                json.writeEndArray();
            } else {
                json.writeString(text.string());
            }
        }
    }

    /** Reads a text written either way. */
    public static final class TextReader extends JsonDeserializer<Utf8Text> {
        @Override
        public Utf8Text deserialize(JsonParser json, DeserializationContext context) throws IOException {
            if (json.currentToken() == JsonToken.VALUE_STRING) {
                return Utf8Text.of(json.getText());
            }
            if (json.currentToken() != JsonToken.START_ARRAY
                    || !(context.getAttribute(ATTRIBUTE) instanceof Source source)) {
                return (Utf8Text) context.handleUnexpectedToken(Utf8Text.class, json);
            }
            int offset = json.nextIntValue(-1);
            int length = json.nextIntValue(-1);
            if (json.nextToken() != JsonToken.END_ARRAY) {
                throw context.wrongTokenException(json, Utf8Text.class, JsonToken.END_ARRAY,
                        "a framed text is [offset, length]");
            }
            return Utf8Text.ofUtf8(source.text(offset, length));
        }
    }
}
