package dev.palimpsest.tlog;

/**
 * Where the hashes of a tree's complete subtrees come from: an in-memory tree ({@link MerkleTree}) or a log's tiles
 * ({@link TiledTree}). Every head and proof of RFC 9162 is made of such hashes ({@link TreeProofs}).
 */
@FunctionalInterface
public interface NodeHashes {

    /**
     * The hash of the complete subtree of {@code 2^level} leaves that starts at leaf {@code index · 2^level} (level 0:
     * the leaf hashes). Asked only for subtrees whose leaves are all in the tree.
     */
    byte[] node(int level, long index);
}
