package dev.palimpsest.events;

import java.math.BigInteger;
import java.util.SortedMap;

/** MediaWiki writes SHA-1 in base 36, 31 digits, zero-padded ({@code Wikimedia\base_convert}); we keep hex. */
public final class Sha1Base36 {

    private Sha1Base36() {
    }

    public static String fromHex(String hex) {
        String base36 = new BigInteger(hex, 16).toString(36);
        return "0".repeat(Math.max(0, 31 - base36.length())) + base36;
    }

    /**
     * A multi-content revision's {@code <sha1>}, as MediaWiki computes it from its slots' (RevisionSlots::computeSha1):
     * the slots' base-36 hashes in order of role name, folded as {@code sha1(accumulated + next)}; one slot's hash is
     * its own.
     *
     * @param slotHexByRole each slot's hex sha1, by role (main included)
     */
    public static String ofSlots(SortedMap<String, String> slotHexByRole) {
        String folded = null;
        for (String hex : slotHexByRole.values()) {
            String slot = fromHex(hex);
            folded = folded == null ? slot : fromHex(ContentHash.sha1Hex(folded + slot));
        }
        return folded;
    }
}
