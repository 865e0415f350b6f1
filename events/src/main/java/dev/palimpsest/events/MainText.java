package dev.palimpsest.events;

import java.nio.charset.StandardCharsets;

/**
 * A revision's main text and what names it. On the wire its fields stay those of the flat events before it
 * ({@code text}, {@code rev_sha1}, {@code rev_len}).
 *
 * @param text   the text as its UTF-8 bytes; null when hidden at the source, or when it travels in a
 *               {@link TextsArchived} pack instead
 * @param sha1   lowercase hex SHA-1 of the text's UTF-8 bytes (what the archive and the read model name it by);
 *               null when hidden
 * @param length the text's length in UTF-8 bytes (MediaWiki's {@code rev_len}); -1 when hidden
 */
public record MainText(Utf8Text text, String sha1, long length) {

    /** A text hidden at the source: no bytes, no sha1, no length (MediaWiki writes {@code bytes="-1"}). */
    public static final MainText HIDDEN = new MainText(null, null, -1);

    /** {@code text} with its sha1 and length computed; null is a hidden text. */
    public static MainText of(String text) {
        return text == null ? HIDDEN : ofUtf8(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The text whose UTF-8 bytes are {@code utf8} (kept, not copied), with its sha1 and length; null is hidden. */
    public static MainText ofUtf8(byte[] utf8) {
        return utf8 == null ? HIDDEN : new MainText(Utf8Text.ofUtf8(utf8), ContentHash.sha1Hex(utf8), utf8.length);
    }

    /** A text named by its sha1 and length, its bytes elsewhere (a pack). */
    public static MainText named(String sha1, long length) {
        return new MainText(null, sha1, length);
    }

    /** The text as a string, or null when it is not carried here. */
    public String string() {
        return text == null ? null : text.string();
    }
}
