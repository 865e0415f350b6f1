package dev.palimpsest.query.transparency;

import dev.palimpsest.tlog.TileReader;
import dev.palimpsest.tlog.store.LogTables;

import java.sql.Connection;
import java.sql.SQLException;

/** Reading the read model's copy of a log on one connection. */
final class LogReads {

    private LogReads() {
    }

    /** The tiles of log {@code logId}, read on {@code connection} as they are asked for. */
    static TileReader tiles(Connection connection, short logId) {
        return (level, index) -> {
            try {
                return LogTables.tile(connection, logId, level, index);
            } catch (SQLException e) {
                throw new IllegalStateException("could not read tile " + level + "/" + index + " of log " + logId, e);
            }
        };
    }
}
