package dev.palimpsest.tlog;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A log's tree read from its tiles: the node hashes {@link TreeProofs} makes heads and proofs of. A node whose height
 * is a multiple of {@value Tile#HEIGHT} is a hash of a tile; any other is hashed up from the run of hashes of one tile
 * below it (at most 255 hashes). Tiles only grow, so the tiles of a larger tree serve every smaller one. Each tile
 * is read once per instance: make one per request.
 */
public final class TiledTree implements NodeHashes {

    private final TileReader reader;
    private final Map<Long, byte[]> tiles = new HashMap<>();

    public TiledTree(TileReader reader) {
        this.reader = reader;
    }

    @Override
    public byte[] node(int level, long index) {
        int tileLevel = level / Tile.HEIGHT;
        int height = level % Tile.HEIGHT;
        long first = index << height;
        long tileIndex = first >>> Tile.HEIGHT;
        int offset = (int) (first & (Tile.WIDTH - 1));
        int count = 1 << height;
        byte[] tile = tile(tileLevel, tileIndex);
        if (tile.length < (offset + count) * TreeHashing.HASH_SIZE) {
            throw new IllegalStateException("tile " + Tile.path(tileLevel, tileIndex, Tile.WIDTH) + " holds "
                    + tile.length / TreeHashing.HASH_SIZE + " hashes; the tree needs " + (offset + count));
        }
        return subtree(tile, offset, count);
    }

    /** The root of the complete subtree over hashes {@code [offset, offset + count)} of a tile ({@code count} a power of 2). */
    static byte[] subtree(byte[] tile, int offset, int count) {
        byte[][] level = new byte[count][];
        for (int i = 0; i < count; i++) {
            int from = (offset + i) * TreeHashing.HASH_SIZE;
            level[i] = Arrays.copyOfRange(tile, from, from + TreeHashing.HASH_SIZE);
        }
        for (int width = count; width > 1; width /= 2) {
            for (int i = 0; i < width / 2; i++) {
                level[i] = TreeHashing.node(level[2 * i], level[2 * i + 1]);
            }
        }
        return level[0];
    }

    private byte[] tile(int level, long index) {
        return tiles.computeIfAbsent(level * (1L << 56) + index, key -> {
            byte[] hashes = reader.read(level, index);
            if (hashes == null) {
                throw new IllegalStateException("the log has no tile " + Tile.path(level, index, Tile.WIDTH));
            }
            return hashes;
        });
    }
}
