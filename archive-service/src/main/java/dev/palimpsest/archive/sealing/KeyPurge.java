package dev.palimpsest.archive.sealing;

import dev.palimpsest.textstore.sealed.KeyTableRewrite;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Rewrites table {@code text_key} after an erasure deleted keys from it (ADR 0042): PostgreSQL keeps a deleted row's
 * bytes in its page until the page is rewritten, and {@code VACUUM FULL} writes the table anew with its live rows
 * only and gives the old file back. One row an article epoch: a quick rewrite, under a lock that holds archiving
 * back for as long; then the WAL that recorded the key is closed and checkpointed past ({@link KeyTableRewrite}).
 */
@ApplicationScoped
public class KeyPurge {

    private static final Logger LOG = Logger.getLogger(KeyPurge.class);

    private final DataSource dataSource;

    public KeyPurge(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Rewrites {@code text_key}; a failure is logged, and the next erasure's purge rewrites it anyway. */
    public void purge() {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            KeyTableRewrite.Wal wal = KeyTableRewrite.rewrite(connection, "text_key");
            LOG.infof("rewrote text_key after an erasure in %d ms: no page keeps a destroyed key%s",
                    (System.nanoTime() - started) / 1_000_000, wal == KeyTableRewrite.Wal.MOVED_PAST
                            ? ", and the WAL that recorded it is checkpointed past"
                            : "; the WAL that recorded it stays until the next segment switch and checkpoint (grant"
                            + " the archive's user EXECUTE on pg_switch_wal and the pg_checkpoint role)");
        } catch (SQLException e) {
            LOG.errorf(e, "could not rewrite text_key after an erasure: a destroyed key may stay in a page until the"
                    + " next erasure's purge");
        }
    }
}
