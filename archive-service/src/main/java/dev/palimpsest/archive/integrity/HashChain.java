package dev.palimpsest.archive.integrity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The per-article hash chain (ADR 0010): each revision's record hash is the SHA-256 of its {@link RecordEncoding},
 * which includes the previous revision's record hash, in rev_seq (arrival) order. Altering, removing or reordering
 * an archived record changes every hash after it.
 */
public final class HashChain {

    /** What the first revision of an article links to. */
    public static final String GENESIS = "0".repeat(64);

    private HashChain() {
    }

    /** The record hash of {@code record}, lowercase hex. */
    public static String recordHash(ChainedRecord record) {
        return sha256Hex(RecordEncoding.encode(record));
    }

    /** The SHA-256 of a text's UTF-8 bytes, lowercase hex: how the chain names content. */
    public static String contentHash(String text) {
        return contentHash(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #contentHash(String)} of a text already encoded in UTF-8. */
    public static String contentHash(byte[] utf8) {
        return sha256Hex(utf8);
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
