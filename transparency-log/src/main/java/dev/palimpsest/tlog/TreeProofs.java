package dev.palimpsest.tlog;

import java.util.ArrayList;
import java.util.List;

/**
 * Tree heads and proofs of RFC 9162 (§2.1.1 for the tree hash, §2.1.3.1 for inclusion proofs, §2.1.4.1 for
 * consistency proofs) over any {@link NodeHashes}: the recursion only ever splits a range at a power of two, so each
 * range it hashes is a run of complete, aligned subtrees, and a head or a proof costs O(log n) of them.
 */
public final class TreeProofs {

    private TreeProofs() {
    }

    /** The root hash of the tree's first {@code size} leaves (its tree head at that size). */
    public static byte[] root(NodeHashes nodes, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("a tree has no " + size + " leaves");
        }
        return size == 0 ? TreeHashing.emptyRoot() : hash(nodes, 0, size);
    }

    /** The hashes that prove leaf {@code index} is in the tree of the first {@code size} leaves (§2.1.3.1). */
    public static List<byte[]> inclusionProof(NodeHashes nodes, long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size + " leaves");
        }
        List<byte[]> proof = new ArrayList<>();
        path(nodes, index, 0, size, proof);
        return proof;
    }

    /**
     * The hashes that prove the tree of the first {@code size1} leaves is the beginning of the tree of the first
     * {@code size2} (§2.1.4.1); empty when the sizes are equal.
     */
    public static List<byte[]> consistencyProof(NodeHashes nodes, long size1, long size2) {
        if (size1 <= 0 || size1 > size2) {
            throw new IllegalArgumentException("no consistency proof from " + size1 + " to " + size2 + " leaves");
        }
        List<byte[]> proof = new ArrayList<>();
        if (size1 < size2) {
            subproof(nodes, size1, 0, size2, true, proof);
        }
        return proof;
    }

    /** PATH(m, D[start:end]) of §2.1.3.1, leaf {@code m} counted from {@code start}. */
    private static void path(NodeHashes nodes, long m, long start, long end, List<byte[]> proof) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(nodes, m, start, start + k, proof);
            proof.add(hash(nodes, start + k, end));
        } else {
            path(nodes, m - k, start + k, end, proof);
            proof.add(hash(nodes, start, start + k));
        }
    }

    /** SUBPROOF(m, D[start:end], b) of §2.1.4.1. */
    private static void subproof(NodeHashes nodes, long m, long start, long end, boolean whole, List<byte[]> proof) {
        long n = end - start;
        if (m == n) {
            if (!whole) {
                proof.add(hash(nodes, start, end));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(nodes, m, start, start + k, whole, proof);
            proof.add(hash(nodes, start + k, end));
        } else {
            subproof(nodes, m - k, start + k, end, false, proof);
            proof.add(hash(nodes, start, start + k));
        }
    }

    /** MTH(D[start:end]) for a range the recursion produces: aligned, so its complete parts are nodes. */
    private static byte[] hash(NodeHashes nodes, long start, long end) {
        long n = end - start;
        if ((n & (n - 1)) == 0) {
            int level = Long.numberOfTrailingZeros(n);
            return nodes.node(level, start >> level);
        }
        long k = largestPowerOfTwoBelow(n);
        return TreeHashing.node(hash(nodes, start, start + k), hash(nodes, start + k, end));
    }

    /** The largest power of two smaller than {@code n} ({@code n > 1}). */
    private static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }
}
