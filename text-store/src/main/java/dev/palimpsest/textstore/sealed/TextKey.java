package dev.palimpsest.textstore.sealed;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * One data key of one article: every pack of the article's texts is sealed with the key of its current epoch, and
 * erasing a text re-seals the texts it keeps under the next epoch's key and destroys this one (ADR 0042).
 *
 * @param epoch the article's key epoch, from 1
 * @param bytes the 32 bytes of the AES-256 key
 */
public record TextKey(int epoch, byte[] bytes) {

    public static final int SIZE = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public TextKey {
        if (epoch < 1) {
            throw new IllegalArgumentException("a key epoch is at least 1, not " + epoch);
        }
        if (bytes == null || bytes.length != SIZE) {
            throw new IllegalArgumentException("a text key is " + SIZE + " bytes");
        }
    }

    /** A new random key for {@code epoch}. */
    public static TextKey fresh(int epoch) {
        byte[] key = new byte[SIZE];
        RANDOM.nextBytes(key);
        return new TextKey(epoch, key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TextKey key && key.epoch == epoch && Arrays.equals(key.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * epoch + Arrays.hashCode(bytes);
    }

    /** Never the key's bytes: a key in a log line is a key leaked. */
    @Override
    public String toString() {
        return "TextKey[epoch=" + epoch + "]";
    }
}
