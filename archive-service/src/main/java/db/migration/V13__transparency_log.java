package db.migration;

import dev.palimpsest.tlog.store.LogTables;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The transparency log (ADR 0040, 0041): one RFC 9162 Merkle tree per partition of the submitted topic, of which
 * every archived record (a new revision, a duplicate, a redaction request) is a leaf, appended in the transaction that
 * archives it, under the lock of its log's head row. The log's tables are those of {@link LogTables}; each record row
 * says where its leaf is (null for records archived before the log existed), and a revision keeps the salts of its
 * leaf's three commitments (text, comment, performer: 16 bytes each) and its text's commitment, which its answers
 * carry so a reader of the archived topic can make the leaf without the text.
 */
public class V13__transparency_log extends BaseJavaMigration { // Flyway reads the version from the class name

    @Override
    public void migrate(Context context) throws SQLException {
        LogTables.createTables(context.getConnection());
        try (Statement ddl = context.getConnection().createStatement()) {
            ddl.execute("""
                    ALTER TABLE revision ADD COLUMN log_id smallint, ADD COLUMN leaf_index bigint,
                        ADD COLUMN leaf_salts bytea CHECK (length(leaf_salts) = 48),
                        ADD COLUMN leaf_text_commitment bytea CHECK (length(leaf_text_commitment) = 32)""");
            ddl.execute("ALTER TABLE submission ADD COLUMN log_id smallint, ADD COLUMN leaf_index bigint");
            ddl.execute("ALTER TABLE redaction ADD COLUMN log_id smallint, ADD COLUMN leaf_index bigint");
        }
    }
}
