package dev.palimpsest.tlog;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only RFC 9162 Merkle tree held in memory: its leaf hashes and the hash of every complete subtree, kept as
 * leaves arrive, so a tree head or a proof for any size up to the current one costs O(log n) hashes
 * ({@link TreeProofs}). Not thread-safe.
 */
public final class MerkleTree {

    /**
     * {@code levels.get(k).get(i)} is the hash of leaves {@code [i·2^k, (i+1)·2^k)}: level 0 the leaf hashes, level
     * k each complete subtree of 2^k leaves, aligned as the tree's own nodes are.
     */
    private final List<List<byte[]>> levels = new ArrayList<>();

    public MerkleTree() {
        levels.add(new ArrayList<>());
    }

    /** How many leaves the tree holds. */
    public long size() {
        return levels.get(0).size();
    }

    /** Appends the leaf whose bytes are {@code leaf}; returns its index. */
    public long append(byte[] leaf) {
        return appendHash(TreeHashing.leaf(leaf));
    }

    /** Appends a leaf by its leaf hash (what {@link TreeHashing#leaf} made of it); returns its index. */
    public long appendHash(byte[] leafHash) {
        if (leafHash.length != TreeHashing.HASH_SIZE) {
            throw new IllegalArgumentException("a leaf hash is " + TreeHashing.HASH_SIZE + " bytes");
        }
        long index = size();
        byte[] hash = leafHash.clone();
        int level = 0;
        levels.get(0).add(hash);
        // every complete pair closes a node one level up
        while (levels.get(level).size() % 2 == 0) {
            List<byte[]> below = levels.get(level);
            hash = TreeHashing.node(below.get(below.size() - 2), below.get(below.size() - 1));
            level++;
            if (levels.size() == level) {
                levels.add(new ArrayList<>());
            }
            levels.get(level).add(hash);
        }
        return index;
    }

    /** The root hash of the tree's first {@code size} leaves (its tree head at that size). */
    public byte[] root(long size) {
        checkSize(size);
        return TreeProofs.root(this::node, size);
    }

    /** The hashes that prove leaf {@code index} is in the tree of the first {@code size} leaves (§2.1.3.1). */
    public List<byte[]> inclusionProof(long index, long size) {
        checkSize(size);
        return TreeProofs.inclusionProof(this::node, index, size);
    }

    /**
     * The hashes that prove the tree of the first {@code size1} leaves is the beginning of the tree of the first
     * {@code size2} (§2.1.4.1); empty when the sizes are equal.
     */
    public List<byte[]> consistencyProof(long size1, long size2) {
        checkSize(size2);
        return TreeProofs.consistencyProof(this::node, size1, size2);
    }

    private byte[] node(int level, long index) {
        return levels.get(level).get((int) index);
    }

    private void checkSize(long size) {
        if (size < 0 || size > size()) {
            throw new IllegalArgumentException("the tree holds " + size() + " leaves, not " + size);
        }
    }
}
