package dev.palimpsest.textstore.sealed;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes destroyed keys' bytes leave PostgreSQL's files (ADR 0042), for the archive's and the read model's key tables
 * alike. A deleted or updated row keeps its bytes in its page until the page is rewritten: {@code VACUUM FULL}
 * writes the table anew with its live rows only and gives the old file back. The WAL still holds the rows as they
 * were written, in the segment being filled, which a quiet server keeps for as long as it takes to fill 16 MiB:
 * {@code pg_switch_wal()} closes that segment and {@code CHECKPOINT} moves the redo point past it, after which
 * PostgreSQL deletes it ({@code wal_recycle = off}: deleted, not renamed with its bytes for reuse).
 */
public final class KeyTableRewrite {

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
