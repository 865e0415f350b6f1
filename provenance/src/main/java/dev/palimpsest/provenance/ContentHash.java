package dev.palimpsest.provenance;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * 128 bits of SHA-256 naming a paragraph, a sentence or a whole text by its tokens, so the article's history of
 * them fits in memory without their text. Cryptographic on purpose: an editor who could make two paragraphs collide
 * could take over another's words; at 128 bits no accident and no effort will.
 */
record ContentHash(long high, long low) {

    /** Hashes one text region at a time; not thread-safe (one per article state). */
    static final class Hasher {
        private final MessageDigest sha256;
        private byte[] buffer = new byte[4096];
        private int length;

        Hasher() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        /**
         * The hash of {@code text[start, end)} with each character lowercased, whitespace runs as one space, none at
         * either end: a paragraph's name without cutting it into tokens. Two regions with equal hashes cut into
         * tokens with equal values (tokens never hold whitespace and whitespace always separates them) with two
         * rare exceptions, both harmless to attribution: a character whose lowercase is longer than itself ('İ')
         * is lowercased alone here and in context in a token's value, and a paragraph's line breaks (which end
         * sentences) count as spaces here. A paragraph matched by this hash keeps its own sentences.
         */
        ContentHash ofRegion(String text, int start, int end) {
            length = 0;
            boolean pendingSpace = false;
            for (int at = start; at < end; at++) {
                char c = text.charAt(at);
                if (WikitextTokens.isSpace(c)) {
                    pendingSpace = length > 0;
                    continue;
                }
                if (pendingSpace) {
                    put(' ');
                    pendingSpace = false;
                }
                put(Character.toLowerCase(c));
            }
            return digest();
        }

        /** The hash of a sequence of token values, {@code values[from, to)}. */
        ContentHash ofTokens(String[] values, int from, int to) {
            length = 0;
            for (int i = from; i < to; i++) {
                String value = values[i];
                put((char) value.length());
                put((char) (value.length() >>> 16));
                for (int k = 0; k < value.length(); k++) {
                    put(value.charAt(k));
                }
            }
            return digest();
        }

        private void put(char c) {
            if (length + 2 > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
            }
            buffer[length++] = (byte) (c >>> 8);
            buffer[length++] = (byte) c;
        }

        private ContentHash digest() {
            sha256.update(buffer, 0, length);
            byte[] digest = sha256.digest();
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) {
                high = high << 8 | (digest[i] & 0xFF);
                low = low << 8 | (digest[8 + i] & 0xFF);
            }
            return new ContentHash(high, low);
        }
    }
}
