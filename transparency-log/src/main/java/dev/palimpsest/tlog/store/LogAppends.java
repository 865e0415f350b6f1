package dev.palimpsest.tlog.store;

import dev.palimpsest.tlog.TileAppender;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One transaction's appends to transparency logs kept in {@link LogTables}: {@link #lock} locks the heads of the logs
 * it will append to, each leaf gets the next index of its log as it is appended, and {@link #store} writes the
 * logs' tiles and heads before the transaction commits. A log's tiles are read only when it is first appended to.
 * The data source must give the transaction's own connection (as a JTA-enlisted pool does within a transaction).
 */
public final class LogAppends {

    private final DataSource dataSource;
    private final SortedMap<Short, Long> sizes;
    private final Map<Short, TileAppender> appenders = new HashMap<>();
    private final Clock clock;

    private LogAppends(DataSource dataSource, SortedMap<Short, Long> sizes, Clock clock) {
        this.dataSource = dataSource;
        this.sizes = sizes;
        this.clock = clock;
    }

    /**
     * Locks the heads of logs {@code logIds} (creating those that do not exist yet, origin
     * {@code <logName>/<log id>}) until the transaction ends. A writer that lost its partition in a rebalance and
     * still appends one batch waits here for the new owner's (or the other way round), so two writers never
     * interleave a log's leaves. Heads are locked in order of log id: lock them after anything else the
     * transaction locks, and no two transactions wait on each other.
     */
    public static LogAppends lock(DataSource dataSource, Collection<Short> logIds, String logName) {
        Clock clock = Clock.systemUTC();
        try (Connection connection = dataSource.getConnection()) {
            return new LogAppends(dataSource, LogTables.lockHeads(connection, logIds, logName, clock.instant()),
                    clock);
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock transparency logs " + logIds, e);
        }
    }

    /** How many leaves log {@code logId} (one locked here) holds, with those appended here. */
    public long size(short logId) {
        TileAppender appender = appenders.get(logId);
        return appender != null ? appender.size() : lockedSize(logId);
    }

    /** Appends the leaf whose hash is {@code leafHash} to log {@code logId} (one locked here); returns its index. */
    public long append(short logId, byte[] leafHash) {
        return appenders.computeIfAbsent(logId, id -> TileAppender.resume(lockedSize(id), (level, index) -> {
            try (Connection connection = dataSource.getConnection()) {
                return LogTables.tile(connection, id, level, index);
            } catch (SQLException e) {
                throw new IllegalStateException("could not read tile " + level + "/" + index + " of log " + id, e);
            }
        })).append(leafHash);
    }

    /** Writes the tiles and heads of the logs appended to (nothing when nothing was appended). */
    public void store() {
        SortedMap<Short, LogTables.Appended> appended = new TreeMap<>();
        appenders.forEach((logId, appender) -> {
            if (appender.size() > sizes.get(logId)) {
                appended.put(logId, new LogTables.Appended(appender.size(), appender.root(),
                        appender.changedTiles()));
            }
        });
        if (appended.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            LogTables.store(connection, appended, clock.instant());
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the transparency logs' new leaves", e);
        }
        appenders.forEach((logId, appender) -> {
            appender.stored();
            sizes.put(logId, appender.size());
        });
    }

    private long lockedSize(short logId) {
        Long size = sizes.get(logId);
        if (size == null) {
            throw new IllegalStateException("log " + logId + " was not locked by this transaction");
        }
        return size;
    }
}
