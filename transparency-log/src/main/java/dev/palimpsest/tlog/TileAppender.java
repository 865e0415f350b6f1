package dev.palimpsest.tlog;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Appends leaves to a log kept as tiles, holding only its right edge: the partial tile of each tile level (at most
 * one per level, 256 hashes each). Everything the tree head needs is there: each complete subtree of the head's
 * decomposition lies in the partial tile of its level. A tile that fills closes a hash one tile level up. Not
 * thread-safe: a log has one writer (ADR 0040).
 */
public final class TileAppender {

    /** The right edge's hashes per tile level; the tile a level's hashes go to is {@code size(level) / 256}. */
    private final List<ByteArrayOutputStream> edge = new ArrayList<>();
    /** Tiles filled since the tiles were last stored. */
    private final List<Tile> filled = new ArrayList<>();
    /** The tile levels whose partial tile grew since the tiles were last stored. */
    private final Set<Integer> grown = new TreeSet<>();
    private long size;

    private TileAppender(long size) {
        this.size = size;
    }

    /** An appender for a log of {@code size} leaves, whose partial tiles {@code tiles} reads. */
    public static TileAppender resume(long size, TileReader tiles) {
        if (size < 0) {
            throw new IllegalArgumentException("a log has no " + size + " leaves");
        }
        TileAppender appender = new TileAppender(size);
        int level = 0;
        for (long hashes = size; hashes > 0; hashes >>>= Tile.HEIGHT, level++) {
            int width = (int) (hashes % Tile.WIDTH);
            ByteArrayOutputStream partial = new ByteArrayOutputStream(Tile.WIDTH * TreeHashing.HASH_SIZE);
            if (width > 0) {
                long index = hashes / Tile.WIDTH;
                byte[] stored = tiles.read(level, index);
                if (stored == null || stored.length < width * TreeHashing.HASH_SIZE) {
                    throw new IllegalStateException("a log of " + size + " leaves needs tile "
                            + Tile.path(level, index, width) + "; it has " + (stored == null ? "no such tile"
                            : "only " + stored.length / TreeHashing.HASH_SIZE + " of its hashes"));
                }
                partial.write(stored, 0, width * TreeHashing.HASH_SIZE);
            }
            appender.edge.add(partial);
        }
        return appender;
    }

    /** How many leaves the log holds. */
    public long size() {
        return size;
    }

    /** Appends a leaf by its leaf hash ({@link TreeHashing#leaf}); returns its index. */
    public long append(byte[] leafHash) {
        if (leafHash.length != TreeHashing.HASH_SIZE) {
            throw new IllegalArgumentException("a leaf hash is " + TreeHashing.HASH_SIZE + " bytes");
        }
        long index = size;
        byte[] hash = leafHash;
        long position = index;
        for (int level = 0; hash != null; level++, position >>>= Tile.HEIGHT) {
            if (edge.size() == level) {
                edge.add(new ByteArrayOutputStream(Tile.WIDTH * TreeHashing.HASH_SIZE));
            }
            ByteArrayOutputStream partial = edge.get(level);
            partial.writeBytes(hash);
            if (partial.size() == Tile.WIDTH * TreeHashing.HASH_SIZE) {
                byte[] hashes = partial.toByteArray();
                filled.add(new Tile(level, position / Tile.WIDTH, hashes));
                partial.reset();
                grown.remove(level);
                hash = TiledTree.subtree(hashes, 0, Tile.WIDTH);
            } else {
                grown.add(level);
                hash = null;
            }
        }
        size++;
        return index;
    }

    /** The tree head of the log as it is now. */
    public byte[] root() {
        return TreeProofs.root(new TiledTree(this::edgeTile), size);
    }

    /**
     * The tiles that changed since they were last {@link #stored}, each with what it holds now: those that filled,
     * in order, then the partial tile of each level that grew.
     */
    public List<Tile> changedTiles() {
        List<Tile> tiles = new ArrayList<>(filled);
        for (int level : grown) {
            long hashes = size >>> (Tile.HEIGHT * level);
            tiles.add(new Tile(level, hashes / Tile.WIDTH, edge.get(level).toByteArray()));
        }
        return tiles;
    }

    /** Forgets the changed tiles (once they are stored). */
    public void stored() {
        filled.clear();
        grown.clear();
    }

    private byte[] edgeTile(int level, long index) {
        long hashes = size >>> (Tile.HEIGHT * level);
        return level < edge.size() && index == hashes / Tile.WIDTH ? edge.get(level).toByteArray() : null;
    }
}
