package db.migration;

import dev.palimpsest.events.MediaWikiSource;
import dev.palimpsest.events.kafka.EventJson;
import dev.palimpsest.query.readmodel.StoredSource;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Slims the read model's revision rows in place (ADR 0033): each {@code revision.source} is rewritten as
 * {@link StoredSource} keeps it, only the fields its row and the defaults do not say already (on an imported
 * MediaWiki history, about 50 bytes of JSON instead of about 230). The rows were written as every field of a
 * {@link MediaWikiSource}; they are read as such here, so nothing is lost. On an empty read model (a new one, or a
 * rebuild's generation) there is nothing to do.
 */
public class V12__compact_sources extends BaseJavaMigration {

    private static final int BATCH = 1000;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (PreparedStatement rows = connection.prepareStatement("""
                SELECT article_key, rev_seq, rev_sha1, source::text FROM revision WHERE source IS NOT NULL""");
             PreparedStatement update = connection.prepareStatement("""
                     UPDATE revision SET source = ?::jsonb WHERE article_key = ? AND rev_seq = ?""")) {
            rows.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet row = rows.executeQuery()) {
                while (row.next()) {
                    String articleKey = row.getString(1);
                    String revSha1 = row.getString(3) == null ? null : row.getString(3).trim();
                    MediaWikiSource source;
                    try {
                        source = EventJson.MAPPER.readValue(row.getString(4), MediaWikiSource.class);
                    } catch (IOException e) {
                        throw new SQLException("the source of " + articleKey + " #" + row.getInt(2)
                                + " is not a MediaWikiSource: " + e.getMessage(), e);
                    }
                    update.setString(1, StoredSource.write(source, articleKey, revSha1));
                    update.setString(2, articleKey);
                    update.setInt(3, row.getInt(2));
                    update.addBatch();
                    if (++pending == BATCH) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                update.executeBatch();
            }
        }
    }
}
