package dev.palimpsest.tlog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashes of an RFC 9162 Merkle tree (§2.1.1): a leaf is {@code SHA-256(0x00 || leaf)}, an interior node
 * {@code SHA-256(0x01 || left || right)}, and the tree of no leaves hashes to {@code SHA-256()} of nothing. The
 * distinct prefixes keep a leaf from ever being passed off as a node (a second-preimage attack on the tree).
 */
public final class TreeHashing {

    /** Every hash here is a SHA-256 digest. */
    public static final int HASH_SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final byte[] EMPTY_ROOT = sha256().digest();

    private TreeHashing() {
    }

    /** The hash of a leaf whose bytes are {@code leaf}. */
    public static byte[] leaf(byte[] leaf) {
        MessageDigest digest = sha256();
        digest.update(LEAF_PREFIX);
        digest.update(leaf);
        return digest.digest();
    }

    /** The hash of the interior node whose children hash to {@code left} and {@code right}. */
    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest digest = sha256();
        digest.update(NODE_PREFIX);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** The root hash of the tree of no leaves. */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    /** A fresh SHA-256 digest (every hash of the log and of its note keys is one). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
