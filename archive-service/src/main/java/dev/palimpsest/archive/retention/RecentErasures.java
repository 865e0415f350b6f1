package dev.palimpsest.archive.retention;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The erasures the archive recorded lately (ADR 0042), oldest first: what trimming still has to follow up. */
final class RecentErasures {

    /**
     * One erasure.
     *
     * @param partition the partition of the submitted topic its request was read from (its transparency log)
     * @param keyEpoch  the epoch its article's texts were re-sealed under: the keys of every epoch before are destroyed
     */
    record Erasure(UUID redactionId, String articleKey, int partition, Instant recordedAt, int keyEpoch) {
    }

    private RecentErasures() {
    }

    static List<Erasure> since(DataSource dataSource, Instant since) {
        List<Erasure> erasures = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT redaction_id, article_key, log_id, recorded_at, key_epoch FROM redaction
                     WHERE outcome = 'ERASED' AND recorded_at >= ? AND log_id IS NOT NULL ORDER BY recorded_at""")) {
            query.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    erasures.add(new Erasure(rows.getObject(1, UUID.class), rows.getString(2), rows.getShort(3),
                            rows.getTimestamp(4).toInstant(), rows.getInt(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the recent erasures", e);
        }
        return erasures;
    }
}
