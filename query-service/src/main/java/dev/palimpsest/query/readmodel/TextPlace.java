package dev.palimpsest.query.readmodel;

import java.util.UUID;

/**
 * Where a revision's text lies, read in the same statement as the revision ({@link RevisionReads}): its pack, its
 * position in it, the text the pack is primed with (null for none) and the pack's bytes, so that a pack missing
 * from the cache is unpacked without another query.
 */
public record TextPlace(UUID packId, int position, String baseSha1, byte[] packBytes) {
}
