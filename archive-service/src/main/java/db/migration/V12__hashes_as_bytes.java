package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The hash chain's SHA-256 hashes (ADR 0010) as their 32 bytes instead of 64 hex characters (ADR 0031): 33 bytes
 * a hash on disk instead of 65, three of them on every revision row. The code keeps computing with hex; the rows
 * are converted in place. Java rather than SQL only so the V8 backfill test can put its layout back and run this
 * after it, as an upgraded database would.
 */
public class V12__hashes_as_bytes extends BaseJavaMigration { // Flyway reads the version from the class name

    @Override
    public void migrate(Context context) throws SQLException {
        try (Statement ddl = context.getConnection().createStatement()) {
            ddl.execute("ALTER TABLE article ALTER COLUMN chain_head TYPE bytea USING decode(chain_head, 'hex')");
            ddl.execute("""
                    ALTER TABLE revision
                        ALTER COLUMN text_sha256 TYPE bytea USING decode(text_sha256, 'hex'),
                        ALTER COLUMN prev_record_hash TYPE bytea USING decode(prev_record_hash, 'hex'),
                        ALTER COLUMN record_hash TYPE bytea USING decode(record_hash, 'hex')""");
            ddl.execute("ALTER TABLE revision_slot ALTER COLUMN sha256 TYPE bytea USING decode(sha256, 'hex')");
        }
    }
}
