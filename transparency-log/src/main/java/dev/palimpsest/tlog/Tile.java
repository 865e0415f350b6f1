package dev.palimpsest.tlog;

import java.util.Arrays;

/**
 * A tile of a log stored as C2SP {@code tlog-tiles}: up to {@value #WIDTH} consecutive hashes of one tile level. Tile
 * level {@code L} holds the hashes of the tree's complete subtrees of {@code 2^(8L)} leaves (level 0: the leaf
 * hashes), and tile {@code N} of a level its hashes {@code [256·N, 256·N + width)}. A full tile never changes; the
 * right edge of each level is a partial tile that grows as leaves arrive.
 *
 * @param hashes the tile's hashes, concatenated ({@code 32 · width} bytes)
 */
public record Tile(int level, long index, byte[] hashes) {

    /** How many tree levels one tile level spans. */
    public static final int HEIGHT = 8;
    /** How many hashes a full tile holds. */
    public static final int WIDTH = 1 << HEIGHT;

    public Tile {
        if (level < 0 || index < 0) {
            throw new IllegalArgumentException("no tile " + level + "/" + index);
        }
        if (hashes.length % TreeHashing.HASH_SIZE != 0 || hashes.length > WIDTH * TreeHashing.HASH_SIZE) {
            throw new IllegalArgumentException("a tile holds whole hashes, at most " + WIDTH + " of them; "
                    + hashes.length + " bytes are not that");
        }
    }

    /** How many hashes the tile holds. */
    public int width() {
        return hashes.length / TreeHashing.HASH_SIZE;
    }

    public boolean full() {
        return width() == WIDTH;
    }

    /** Hash {@code i} of the tile (its hash {@code 256·index + i} of its level). */
    public byte[] hash(int i) {
        return Arrays.copyOfRange(hashes, i * TreeHashing.HASH_SIZE, (i + 1) * TreeHashing.HASH_SIZE);
    }

    /**
     * The tile's path under a log's URL prefix, as C2SP {@code tlog-tiles} names it: {@code tile/<L>/<N>} with the
     * index in groups of three digits, all but the last prefixed {@code x} ({@code 1234067} is {@code x001/x234/067}),
     * and {@code .p/<W>} after a partial tile's index.
     */
    public String path() {
        return path(level, index, width());
    }

    /** The path of the first {@code width} hashes of tile {@code level}/{@code index} (see {@link #path()}). */
    public static String path(int level, long index, int width) {
        StringBuilder groups = new StringBuilder(String.format("%03d", index % 1000));
        for (long rest = index / 1000; rest > 0; rest /= 1000) {
            groups.insert(0, String.format("x%03d/", rest % 1000));
        }
        return "tile/" + level + "/" + groups + (width == WIDTH ? "" : ".p/" + width);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tile tile && tile.level == level && tile.index == index
                && Arrays.equals(tile.hashes, hashes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * level + Long.hashCode(index)) + Arrays.hashCode(hashes);
    }

    @Override
    public String toString() {
        return path();
    }
}
