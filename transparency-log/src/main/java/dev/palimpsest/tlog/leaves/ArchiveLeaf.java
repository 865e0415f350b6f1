package dev.palimpsest.tlog.leaves;

import dev.palimpsest.tlog.TreeHashing;

/**
 * A leaf of the archive's transparency log: one archived record (ADR 0041). Its bytes are the canonical encoding of
 * {@link CanonicalFields}, version 1: the tag {@value #TAG}, the record's kind, then the kind's fields in the order
 * its record declares them. Texts, comments and performers appear only as salted {@link Commitment}s.
 */
public sealed interface ArchiveLeaf permits RevisionLeaf, DuplicateLeaf, RedactionLeaf {

    String TAG = "palimpsest:leaf:v1";

    /** The leaf's bytes: what the log hashes ({@link TreeHashing#leaf}) and a verifier recomputes. */
    byte[] encode();

    /** The leaf's hash in the log. */
    default byte[] hash() {
        return TreeHashing.leaf(encode());
    }

    /** The start of every leaf's encoding: the tag and the kind. */
    static CanonicalFields begin(String kind) {
        return new CanonicalFields().text(TAG).text(kind);
    }
}
