package dev.palimpsest.bench;

import dev.palimpsest.events.ContentHash;

import java.math.BigInteger;

/**
 * {@code <sha1>} as MediaWiki writes it: the SHA-1 of the text's UTF-8 bytes as a base-36 number, zero-padded to
 * 31 digits (the same convention as ingest-service's {@code Sha1Base36}, which checks it).
 */
final class MediaWikiSha1 {

    private static final int DIGITS = 31;

    private MediaWikiSha1() {
    }

    static String of(byte[] utf8) {
        String base36 = new BigInteger(ContentHash.sha1Hex(utf8), 16).toString(36);
        return "0".repeat(DIGITS - base36.length()) + base36;
    }
}
