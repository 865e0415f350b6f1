package dev.palimpsest.tlog;

/** Reads a log's tiles from wherever they are kept (a database, a mirror's files, memory). */
@FunctionalInterface
public interface TileReader {

    /**
     * The hashes of tile {@code level}/{@code index} as kept (concatenated, 32 bytes each; a partial tile holds
     * fewer than 256), or null when the log has no such tile.
     */
    byte[] read(int level, long index);
}
