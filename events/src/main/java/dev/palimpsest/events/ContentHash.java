package dev.palimpsest.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-1 of revision text, as MediaWiki computes {@code rev_sha1}: over the UTF-8 bytes, written here in hex. */
public final class ContentHash {

    private ContentHash() {
    }

    public static String sha1Hex(String text) {
        return sha1Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha1Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    /** Whether {@code value} is a sha1 as {@link #sha1Hex} writes it: 40 lowercase hex digits. */
    public static boolean isSha1Hex(String value) {
        if (value == null || value.length() != 40) {
            return false;
        }
        for (int i = 0; i < 40; i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The length of {@code text} in UTF-8, as {@code text.getBytes(UTF_8).length} says (an unpaired surrogate is
     * written as one byte, {@code ?}), counted without encoding it: encoding a long non-Latin text is not cheap.
     */
    public static long utf8Length(String text) {
        long bytes = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
