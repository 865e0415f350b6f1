package dev.palimpsest.query.readmodel;

import java.util.UUID;

/**
 * Where a revision's text lies, read in the same statement as the revision ({@link RevisionReads}): the text's
 * sha1, its pack, its position in it, the text the pack is primed with (null for none), the pack's bytes and the
 * epoch of the key they are sealed with (null: in clear), so that a text no cache holds is read from them without
 * another query.
 */
public record TextPlace(String sha1, UUID packId, int position, String baseSha1, byte[] packBytes, Integer keyEpoch) {
}
