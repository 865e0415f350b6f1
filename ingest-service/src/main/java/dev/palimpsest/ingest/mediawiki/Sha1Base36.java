package dev.palimpsest.ingest.mediawiki;

import java.math.BigInteger;

/** MediaWiki writes SHA-1 in base 36, 31 digits, zero-padded ({@code Wikimedia\base_convert}); we keep hex. */
public final class Sha1Base36 {

    private Sha1Base36() {
    }

    public static String fromHex(String hex) {
        String base36 = new BigInteger(hex, 16).toString(36);
        return "0".repeat(Math.max(0, 31 - base36.length())) + base36;
    }
}
