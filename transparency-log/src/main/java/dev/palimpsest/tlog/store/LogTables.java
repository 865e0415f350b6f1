package dev.palimpsest.tlog.store;

import dev.palimpsest.tlog.Tile;
import dev.palimpsest.tlog.TileReader;
import dev.palimpsest.tlog.TreeHashing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Transparency logs kept in PostgreSQL as C2SP tiles (ADR 0040, 0041), in two tables ({@link #createTables}): one
 * head row per log, and the tiles. Plain JDBC on the caller's connection (in the caller's transaction).
 */
public final class LogTables {

    private LogTables() {
    }

    /**
     * Creates the two tables in the connection's current schema (a service's migration calls it, so every service
     * that keeps logs keeps them alike). {@code transparency_log}: each log's head, how many leaves it holds and the
     * root hash of the tree they make. {@code log_tile}: the tree as C2SP tiles, tile {@code tile_index} of level
     * {@code level} holding (concatenated, 32 bytes each) the hashes [256 · tile_index, 256 · tile_index + width) of
     * that level; a full tile (256 hashes) never changes, the partial tile at the right edge of each level is
     * rewritten as it grows.
     */
    public static void createTables(Connection connection) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("""
                    CREATE TABLE transparency_log (
                        log_id     smallint    PRIMARY KEY CHECK (log_id >= 0),
                        origin     text        NOT NULL UNIQUE,
                        size       bigint      NOT NULL CHECK (size >= 0),
                        root       bytea       NOT NULL CHECK (length(root) = 32),
                        updated_at timestamptz NOT NULL
                    )""");
            ddl.execute("""
                    CREATE TABLE log_tile (
                        log_id     smallint NOT NULL REFERENCES transparency_log (log_id),
                        level      smallint NOT NULL CHECK (level >= 0),
                        tile_index bigint   NOT NULL CHECK (tile_index >= 0),
                        hashes     bytea    NOT NULL
                                   CHECK (length(hashes) BETWEEN 32 AND 8192 AND length(hashes) % 32 = 0),
                        PRIMARY KEY (log_id, level, tile_index)
                    )""");
            // hashes do not compress: stored without trying
            ddl.execute("ALTER TABLE log_tile ALTER COLUMN hashes SET STORAGE EXTERNAL");
        }
    }

    /** A log's head as stored: its origin, how many leaves it holds, and their tree's root hash. */
    public record Head(short logId, String origin, long size, byte[] root) {
    }

    /**
     * Creates the heads of logs {@code logIds} that do not exist yet (empty, origin {@code <logName>/<id>}), then
     * locks them all until the transaction ends, in order of log id, and reads their sizes.
     */
    public static SortedMap<Short, Long> lockHeads(Connection connection, Collection<Short> logIds, String logName,
                                                   Instant now) throws SQLException {
        SortedMap<Short, Long> sizes = new TreeMap<>();
        if (logIds.isEmpty()) {
            return sizes;
        }
        Short[] ids = new TreeSet<>(logIds).toArray(Short[]::new);
        try (PreparedStatement create = connection.prepareStatement("""
                INSERT INTO transparency_log (log_id, origin, size, root, updated_at)
                SELECT id, ? || '/' || id, 0, ?, ? FROM unnest(?) AS new (id)
                ON CONFLICT (log_id) DO NOTHING""")) {
            create.setString(1, logName);
            create.setBytes(2, TreeHashing.emptyRoot());
            create.setTimestamp(3, Timestamp.from(now));
            create.setArray(4, connection.createArrayOf("smallint", ids));
            create.executeUpdate();
        }
        try (PreparedStatement lock = connection.prepareStatement("""
                SELECT log_id, size FROM transparency_log WHERE log_id = ANY (?) ORDER BY log_id FOR UPDATE""")) {
            lock.setArray(1, connection.createArrayOf("smallint", ids));
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    sizes.put(rows.getShort(1), rows.getLong(2));
                }
            }
        }
        return sizes;
    }

    /** The heads of every log, in order of log id. */
    public static List<Head> heads(Connection connection) throws SQLException {
        List<Head> heads = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT log_id, origin, size, root FROM transparency_log ORDER BY log_id");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                heads.add(new Head(rows.getShort(1), rows.getString(2), rows.getLong(3), rows.getBytes(4)));
            }
        }
        return heads;
    }

    /** The head of log {@code logId}, if there is one. */
    public static Optional<Head> head(Connection connection, short logId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT origin, size, root FROM transparency_log WHERE log_id = ?")) {
            query.setShort(1, logId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new Head(logId, row.getString(1), row.getLong(2), row.getBytes(3)))
                        : Optional.empty();
            }
        }
    }

    /** The tiles of log {@code logId}, read on {@code connection} as a tree asks for them. */
    public static TileReader tiles(Connection connection, short logId) {
        return (level, index) -> {
            try {
                return tile(connection, logId, level, index);
            } catch (SQLException e) {
                throw new IllegalStateException("could not read tile " + level + "/" + index + " of log " + logId, e);
            }
        };
    }

    /** The hashes stored for tile {@code level}/{@code index} of log {@code logId}, or null. */
    public static byte[] tile(Connection connection, short logId, int level, long index) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT hashes FROM log_tile WHERE log_id = ? AND level = ? AND tile_index = ?")) {
            query.setShort(1, logId);
            query.setShort(2, (short) level);
            query.setLong(3, index);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getBytes(1) : null;
            }
        }
    }

    /** A log after appends: its new size and root, and the tiles that changed. */
    public record Appended(long size, byte[] root, List<Tile> tiles) {
    }

    /** Stores what was appended to the logs: the tiles that changed, and each log's new head. */
    public static void store(Connection connection, SortedMap<Short, Appended> appended, Instant now)
            throws SQLException {
        try (PreparedStatement tiles = connection.prepareStatement("""
                INSERT INTO log_tile (log_id, level, tile_index, hashes) VALUES (?, ?, ?, ?)
                ON CONFLICT (log_id, level, tile_index) DO UPDATE SET hashes = excluded.hashes""");
             PreparedStatement heads = connection.prepareStatement(
                     "UPDATE transparency_log SET size = ?, root = ?, updated_at = ? WHERE log_id = ?")) {
            Timestamp at = Timestamp.from(now);
            for (var log : appended.entrySet()) {
                for (Tile tile : log.getValue().tiles()) {
                    tiles.setShort(1, log.getKey());
                    tiles.setShort(2, (short) tile.level());
                    tiles.setLong(3, tile.index());
                    tiles.setBytes(4, tile.hashes());
                    tiles.addBatch();
                }
                heads.setLong(1, log.getValue().size());
                heads.setBytes(2, log.getValue().root());
                heads.setTimestamp(3, at);
                heads.setShort(4, log.getKey());
                heads.addBatch();
            }
            tiles.executeBatch();
            heads.executeBatch();
        }
    }
}
