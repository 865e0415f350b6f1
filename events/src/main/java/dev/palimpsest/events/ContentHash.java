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

    public static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
