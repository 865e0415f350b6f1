package dev.palimpsest.archive.transparency;

import dev.palimpsest.tlog.TreeHashing;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The archive's transparency logs (ADR 0040, 0041): one per partition of the submitted topic, kept in the archive's
 * database as tiles. {@link #open} locks the logs a batch appends to, for the batch's transaction, and gives the
 * {@link LogAppends} that append its records' leaves and store them with the batch. Plain JDBC on the transaction's
 * own connection, as the texts' packs are written.
 */
@ApplicationScoped
public class TransparencyLogs {

    private final DataSource dataSource;
    private final String logName;
    private final Clock clock = Clock.systemUTC();

    public TransparencyLogs(DataSource dataSource, @ConfigProperty(name = "palimpsest.log.name") String logName) {
        this.dataSource = dataSource;
        this.logName = logName;
    }

    /** The origin of log {@code logId} in its checkpoints: {@code <log name>/<partition>}. */
    public String origin(short logId) {
        return logName + "/" + logId;
    }

    /**
     * Locks the heads of logs {@code logIds} (creating those that do not exist yet) until the calling transaction
     * ends, and reads their sizes. A consumer that lost its partition in a rebalance and still archives one batch
     * waits here for the new owner's batch (or the other way round), so two writers never interleave a log's leaves.
     * Heads are locked in order of log id, after the batch's articles, so no two transactions wait on each other.
     */
    public LogAppends open(Collection<Short> logIds) {
        SortedMap<Short, Long> sizes = new TreeMap<>();
        if (logIds.isEmpty()) {
            return new LogAppends(this, sizes);
        }
        Short[] ids = new TreeSet<>(logIds).toArray(Short[]::new);
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement create = connection.prepareStatement("""
                    INSERT INTO transparency_log (log_id, origin, size, root, updated_at)
                    SELECT id, ? || '/' || id, 0, ?, ? FROM unnest(?) AS new (id)
                    ON CONFLICT (log_id) DO NOTHING""")) {
                create.setString(1, logName);
                create.setBytes(2, TreeHashing.emptyRoot());
                create.setTimestamp(3, Timestamp.from(clock.instant()));
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
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock transparency logs " + Arrays.toString(ids), e);
        }
        return new LogAppends(this, sizes);
    }

    /** A log's head as committed: its origin, how many leaves it holds, and their tree's root hash. */
    public record Head(short logId, String origin, long size, byte[] root) {
    }

    /** The heads of every log, in order of log id. */
    public List<Head> heads() {
        List<Head> heads = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT log_id, origin, size, root FROM transparency_log ORDER BY log_id");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                heads.add(new Head(rows.getShort(1), rows.getString(2), rows.getLong(3), rows.getBytes(4)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the transparency logs' heads", e);
        }
        return heads;
    }

    /** The hashes stored for tile {@code level}/{@code index} of log {@code logId}, or null. */
    byte[] tile(short logId, int level, long index) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT hashes FROM log_tile WHERE log_id = ? AND level = ? AND tile_index = ?")) {
            query.setShort(1, logId);
            query.setShort(2, (short) level);
            query.setLong(3, index);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read tile " + level + "/" + index + " of log " + logId, e);
        }
    }

    /** Stores what a batch appended to the logs: the tiles that changed, and each log's new head. */
    void store(SortedMap<Short, LogAppends.Appended> appended) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement tiles = connection.prepareStatement("""
                     INSERT INTO log_tile (log_id, level, tile_index, hashes) VALUES (?, ?, ?, ?)
                     ON CONFLICT (log_id, level, tile_index) DO UPDATE SET hashes = excluded.hashes""");
             PreparedStatement heads = connection.prepareStatement(
                     "UPDATE transparency_log SET size = ?, root = ?, updated_at = ? WHERE log_id = ?")) {
            Timestamp now = Timestamp.from(clock.instant());
            for (var log : appended.entrySet()) {
                for (var tile : log.getValue().tiles()) {
                    tiles.setShort(1, log.getKey());
                    tiles.setShort(2, (short) tile.level());
                    tiles.setLong(3, tile.index());
                    tiles.setBytes(4, tile.hashes());
                    tiles.addBatch();
                }
                heads.setLong(1, log.getValue().size());
                heads.setBytes(2, log.getValue().root());
                heads.setTimestamp(3, now);
                heads.setShort(4, log.getKey());
                heads.addBatch();
            }
            tiles.executeBatch();
            heads.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the transparency logs' new leaves", e);
        }
    }
}
