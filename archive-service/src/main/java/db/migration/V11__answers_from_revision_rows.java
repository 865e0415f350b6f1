package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Slimmer rows for the same guarantees (ADR 0031). A submission that became a revision is answered from its revision
 * row ({@code revision.submission_id} is unique, and the row says the article, the sequence number and when it was
 * archived, which is when it was received): only submissions answered as duplicates keep a row in
 * {@code submission}, so its outcome column would always say so. And a revision is found by its article and sequence
 * number ({@code revision_seq_unique}, which {@code revision_slot} references), never by a surrogate id: the identity
 * column and its index only cost bytes, and kept Hibernate from batching the inserts. Java rather than SQL only so a
 * test can put the old layout back and run this on it, as an upgraded database would.
 */
public class V11__answers_from_revision_rows extends BaseJavaMigration { // Flyway reads the version from the name

    @Override
    public void migrate(Context context) throws SQLException {
        try (Statement ddl = context.getConnection().createStatement()) {
            ddl.execute("DELETE FROM submission WHERE outcome = 'ARCHIVED'");
            ddl.execute("ALTER TABLE submission DROP COLUMN outcome");
            ddl.execute("ALTER TABLE revision DROP COLUMN id");
        }
    }
}
