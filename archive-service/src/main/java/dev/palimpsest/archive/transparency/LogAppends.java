package dev.palimpsest.archive.transparency;

import dev.palimpsest.tlog.Tile;
import dev.palimpsest.tlog.TileAppender;
import dev.palimpsest.tlog.leaves.ArchiveLeaf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One transaction's appends to the transparency logs it locked ({@link TransparencyLogs#open}): each record's leaf
 * gets the next index of its log as it is archived, and {@link #store} writes the logs' tiles and heads before the
 * transaction commits. A log's tiles are read only when the batch first appends to it.
 */
public final class LogAppends {

    private final TransparencyLogs logs;
    private final SortedMap<Short, Long> sizes;
    private final Map<Short, TileAppender> appenders = new HashMap<>();

    LogAppends(TransparencyLogs logs, SortedMap<Short, Long> sizes) {
        this.logs = logs;
        this.sizes = sizes;
    }

    /** Appends {@code leaf} to log {@code logId} (one this batch locked); returns where it is. */
    public LeafPosition append(short logId, ArchiveLeaf leaf) {
        TileAppender appender = appenders.computeIfAbsent(logId, id -> {
            Long size = sizes.get(id);
            if (size == null) {
                throw new IllegalStateException("log " + id + " was not locked for this batch");
            }
            return TileAppender.resume(size, (level, index) -> logs.tile(id, level, index));
        });
        return new LeafPosition(logId, appender.append(leaf.hash()));
    }

    /** Writes the tiles and heads of the logs this batch appended to (nothing when it appended nothing). */
    public void store() {
        SortedMap<Short, Appended> appended = new TreeMap<>();
        appenders.forEach((logId, appender) -> {
            if (appender.size() > sizes.get(logId)) {
                appended.put(logId, new Appended(appender.size(), appender.root(), appender.changedTiles()));
            }
        });
        if (!appended.isEmpty()) {
            logs.store(appended);
        }
    }

    /** A log after the batch's appends: its new size and root, and the tiles that changed. */
    record Appended(long size, byte[] root, List<Tile> tiles) {
    }
}
