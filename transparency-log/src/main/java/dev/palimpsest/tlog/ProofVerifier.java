package dev.palimpsest.tlog;

import java.security.MessageDigest;
import java.util.List;

/**
 * Checks proofs about a log it does not hold, with nothing but the hashes it is given: RFC 9162 §2.1.3.2 (inclusion)
 * and §2.1.4.2 (consistency). A proof that verifies was made from a tree with exactly those leaves; anything else,
 * including a proof with an entry too many or too few, is refused with the reason.
 */
public final class ProofVerifier {

    private ProofVerifier() {
    }

    /**
     * Checks that the leaf hashing to {@code leafHash} is leaf {@code index} (from 0) of the tree of {@code size}
     * leaves whose root is {@code root}.
     */
    public static void verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root)
            throws InvalidProofException {
        requireHash(leafHash, "the leaf hash");
        requireHash(root, "the root");
        requireHashes(proof);
        if (index < 0 || size < 0 || index >= size) {
            throw new InvalidProofException("leaf " + index + " is not in a tree of " + size + " leaves");
        }
        byte[] computed = rootFromInclusion(index, size, leafHash, proof);
        if (!MessageDigest.isEqual(computed, root)) {
            throw new InvalidProofException("the proof leads to another root: leaf " + index + " is not in the tree of "
                    + size + " leaves with that root");
        }
    }

    /**
     * Checks that the tree of {@code size1} leaves whose root is {@code root1} is the beginning of the tree of
     * {@code size2} leaves whose root is {@code root2}: the log only appended, it rewrote nothing.
     */
    public static void verifyConsistency(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2)
            throws InvalidProofException {
        requireHashes(proof);
        if (size1 < 0 || size2 < size1) {
            throw new InvalidProofException("a tree of " + size2 + " leaves cannot extend one of " + size1);
        }
        if (size1 == 0) {
            // every tree extends the empty one: a proof of it proves nothing, so none is accepted
            throw new InvalidProofException("consistency with the empty tree is meaningless");
        }
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new InvalidProofException("two trees of the same size need no proof, and this one has "
                        + proof.size() + " hashes");
            }
            // one tree, whatever its root: nothing to compute, only the two heads to compare
            if (root1 == null || root2 == null || !MessageDigest.isEqual(root1, root2)) {
                throw new InvalidProofException("two trees of " + size1 + " leaves with different roots: a fork");
            }
            return;
        }
        requireHash(root1, "the first root");
        requireHash(root2, "the second root");
        if (proof.isEmpty()) {
            throw new InvalidProofException("no proof that " + size2 + " leaves extend " + size1);
        }
        byte[][] roots = rootsFromConsistency(size1, size2, proof, root1);
        if (!MessageDigest.isEqual(roots[0], root1)) {
            throw new InvalidProofException("the proof does not lead to the first root: the tree of " + size1
                    + " leaves is not the one proven");
        }
        if (!MessageDigest.isEqual(roots[1], root2)) {
            throw new InvalidProofException("the proof does not lead to the second root: the tree of " + size2
                    + " leaves does not extend the one of " + size1);
        }
    }

    /** RFC 9162 §2.1.3.2, steps 2–5; {@code index < size}. */
    private static byte[] rootFromInclusion(long index, long size, byte[] leafHash, List<byte[]> proof)
            throws InvalidProofException {
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                throw new InvalidProofException("the proof is longer than a tree of " + size + " leaves needs");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = TreeHashing.node(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = TreeHashing.node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new InvalidProofException("the proof is shorter than a tree of " + size + " leaves needs");
        }
        return r;
    }

    /**
     * RFC 9162 §2.1.4.2, steps 2–7 ({@code 0 < size1 < size2}, proof not empty): the first and second roots the
     * proof leads to.
     */
    private static byte[][] rootsFromConsistency(long size1, long size2, List<byte[]> proof, byte[] root1)
            throws InvalidProofException {
        boolean powerOfTwo = (size1 & (size1 - 1)) == 0;
        // a first tree whose size is a power of two is itself a node of the second: its root starts the path
        int first = powerOfTwo ? -1 : 0;
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = first < 0 ? root1 : proof.get(0);
        byte[] sr = fr;
        for (int i = first + 1; i < proof.size(); i++) {
            byte[] c = proof.get(i);
            if (sn == 0) {
                throw new InvalidProofException("the proof is longer than trees of " + size1 + " and " + size2
                        + " leaves need");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = TreeHashing.node(c, fr);
                sr = TreeHashing.node(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = TreeHashing.node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new InvalidProofException("the proof is shorter than trees of " + size1 + " and " + size2
                    + " leaves need");
        }
        return new byte[][] {fr, sr};
    }

    private static void requireHash(byte[] hash, String what) throws InvalidProofException {
        if (hash == null || hash.length != TreeHashing.HASH_SIZE) {
            throw new InvalidProofException(what + " is not a SHA-256 hash (" + (hash == null ? "none"
                    : hash.length + " bytes") + ")");
        }
    }

    private static void requireHashes(List<byte[]> proof) throws InvalidProofException {
        for (int i = 0; i < proof.size(); i++) {
            requireHash(proof.get(i), "entry " + i + " of the proof");
        }
    }
}
