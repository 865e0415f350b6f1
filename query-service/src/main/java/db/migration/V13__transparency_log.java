package db.migration;

import dev.palimpsest.tlog.store.LogTables;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The read model's copy of the archive's transparency logs (ADR 0040, 0041), made from the archived topic alone:
 * each answer that is a leaf (it says where: its log and index) is made into its leaf again from its own fields and
 * appended, in the log's order, to tables of {@link LogTables}, as the archive's own; the signed checkpoints the
 * archive publishes are kept beside ({@code log_checkpoint}), and a checkpoint is served only once this copy holds
 * its tree with the same root. Each revision row says where its leaf is and keeps what the leaf needs besides the
 * row: the salts of its commitments and its text's commitment (null for revisions archived before the log existed).
 */
public class V13__transparency_log extends BaseJavaMigration { // Flyway reads the version from the class name

    @Override
    public void migrate(Context context) throws SQLException {
        LogTables.createTables(context.getConnection());
        try (Statement ddl = context.getConnection().createStatement()) {
            ddl.execute("""
                    CREATE TABLE log_checkpoint (
                        log_id      smallint    NOT NULL,
                        size        bigint      NOT NULL CHECK (size >= 0),
                        root        bytea       NOT NULL CHECK (length(root) = 32),
                        note        text        NOT NULL, -- the signed note as published
                        received_at timestamptz NOT NULL,
                        PRIMARY KEY (log_id, size)
                    )""");
            ddl.execute("""
                    ALTER TABLE revision ADD COLUMN log_id smallint, ADD COLUMN leaf_index bigint,
                        ADD COLUMN leaf_salts bytea, ADD COLUMN leaf_text_commitment bytea""");
        }
    }
}
