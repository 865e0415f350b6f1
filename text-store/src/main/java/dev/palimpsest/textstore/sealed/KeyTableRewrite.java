package dev.palimpsest.textstore.sealed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;

/**
 * Makes destroyed keys' bytes leave PostgreSQL's files (ADR 0042), for the archive's and the read model's key tables
 * alike. A deleted or updated row keeps its bytes in its page until the page is rewritten: {@code VACUUM FULL}
 * writes the table anew with its live rows only and gives the old file back. The WAL still holds the rows as they
 * were written, in the segment being filled, which a quiet server keeps for as long as it takes to fill 16 MiB:
 * {@code pg_switch_wal()} closes that segment and {@code CHECKPOINT} moves the redo point past it, after which
 * PostgreSQL deletes it ({@code wal_recycle = off}: deleted, not renamed with its bytes for reuse).
 */
public final class KeyTableRewrite {

    /** How long the rewrite waits for transactions begun before it, at most. */
    private static final long PATIENCE_MILLIS = 30_000;

    /**
     * Waits until every other transaction of this database that began before now has ended: {@code VACUUM FULL}
     * copies a row a running transaction may still see (deleted or updated after it began) into the new file, so a
     * rewrite while one is open would keep the destroyed key. The services' transactions are short; after
     * {@link #PATIENCE_MILLIS} the rewrite goes ahead anyway (the next erasure's rewrites the table again).
     */
    private static void awaitOlderTransactions(Connection connection) throws SQLException {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        Timestamp from;
        try (Statement now = connection.createStatement(); ResultSet clock = now.executeQuery(
                "SELECT clock_timestamp()")) {
            clock.next();
            from = clock.getTimestamp(1);
        }
        try (PreparedStatement older = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start < ?")) {
            older.setTimestamp(1, from);
            while (true) {
                try (ResultSet open = older.executeQuery()) {
                    open.next();
                    if (open.getLong(1) == 0 || System.currentTimeMillis() > deadline) {
                        return;
                    }
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** What became of the WAL that recorded the keys. */
    public enum Wal {
        /** Closed and checkpointed past: gone, unless a replica, a slot or {@code wal_keep_size} keeps it. */
        MOVED_PAST,
        /** The user may not switch the WAL or checkpoint: it goes at the next segment switch and checkpoint. */
        NOT_ALLOWED
    }

    private KeyTableRewrite() {
    }

    /**
     * Rewrites {@code table} and moves the WAL past what recorded its old rows. Runs outside a transaction (the
     * connection is left in auto-commit). The rewrite locks the table for as long as it takes: one row an article
     * epoch, quick.
     *
     * @throws SQLException when the table cannot be rewritten
     */
    public static Wal rewrite(Connection connection, String table) throws SQLException {
        connection.setAutoCommit(true); // VACUUM runs outside a transaction
        awaitOlderTransactions(connection);
        try (Statement vacuum = connection.createStatement()) {
            vacuum.execute("VACUUM FULL " + table);
        }
        try (Statement wal = connection.createStatement()) {
            wal.execute("SELECT pg_switch_wal()"); // superuser, or EXECUTE granted on it
            wal.execute("CHECKPOINT"); // superuser, or the pg_checkpoint role (PostgreSQL 15)
            return Wal.MOVED_PAST;
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) { // insufficient_privilege
                return Wal.NOT_ALLOWED;
            }
            throw e;
        }
    }
}
