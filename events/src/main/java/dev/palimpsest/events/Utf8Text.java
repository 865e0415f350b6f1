package dev.palimpsest.events;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.palimpsest.events.kafka.EventFrame;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A text as its UTF-8 bytes, made a string only when someone asks for one. A revision's text is hashed, packed and
 * compressed as bytes; decoding a 67 KB text into a string and encoding it back at every hop cost the archive more
 * than everything else it does with it (ADR 0037). In JSON it is a string, as before; on Kafka its bytes travel
 * beside the event's JSON, undecoded ({@link EventFrame}).
 *
 * <p>Immutable as long as nobody changes the array: {@link #ofUtf8} takes the array it is given without copying it,
 * and {@link #utf8()} hands out the same array. Both are for code that has just made the bytes or only reads them.
 */
@JsonSerialize(using = EventFrame.TextWriter.class)
@JsonDeserialize(using = EventFrame.TextReader.class)
public final class Utf8Text {

    private final byte[] utf8;
    /** The decoded form, made on first use (a benign race: two threads may both decode the same bytes). */
    private String string;

    private Utf8Text(byte[] utf8) {
        this.utf8 = Objects.requireNonNull(utf8, "utf8");
    }

    /** {@code text} encoded in UTF-8 (an unpaired surrogate becomes {@code ?}, as everywhere in Palimpsest); null
     * stays null. */
    public static Utf8Text of(String text) {
        return text == null ? null : new Utf8Text(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The text whose UTF-8 bytes are {@code utf8}; the array is kept, not copied: change it no more. */
    public static Utf8Text ofUtf8(byte[] utf8) {
        return new Utf8Text(utf8);
    }

    /** The bytes themselves, not a copy: read them, never change them. */
    public byte[] utf8() {
        return utf8;
    }

    /** The length in UTF-8 bytes (what MediaWiki's {@code rev_len} counts). */
    public int length() {
        return utf8.length;
    }

    /** The text as a string, decoded once. */
    public String string() {
        String decoded = string;
        if (decoded == null) {
            decoded = new String(utf8, StandardCharsets.UTF_8);
            string = decoded;
        }
        return decoded;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Utf8Text text && Arrays.equals(utf8, text.utf8);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(utf8);
    }

    /** The text itself, so messages and assertions read naturally. */
    @Override
    public String toString() {
        return string();
    }
}
