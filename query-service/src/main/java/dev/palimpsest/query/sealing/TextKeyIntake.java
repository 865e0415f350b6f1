package dev.palimpsest.query.sealing;

import dev.palimpsest.events.TextKeyState;
import dev.palimpsest.query.UntilDone;
import dev.palimpsest.textstore.sealed.KeyTableRewrite;
import io.agroal.api.AgroalDataSource;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Reads the archive's text keys ({@code palimpsest.text-keys}, ADR 0042) into {@code read_model_keys.text_key}: a
 * held key is kept, a destroyed one loses its bytes and keeps its row (so its packs are skipped, not waited for). A
 * key never comes back once destroyed. A record that is no key is logged and skipped; a database that is away is
 * waited for, the record kept in hand.
 */
@ApplicationScoped
public class TextKeyIntake {

    private static final Logger LOG = Logger.getLogger(TextKeyIntake.class);

    private final AgroalDataSource dataSource;
    private final TextKeyRing ring;

    public TextKeyIntake(AgroalDataSource dataSource, TextKeyRing ring) {
        this.dataSource = dataSource;
        this.ring = ring;
    }

    @Incoming("text-keys")
    @Blocking
    public void receive(ConsumerRecord<String, TextKeyState> record) {
        TextKeyState state = record.value();
        if (state == null) {
            return; // a tombstone: nothing to keep (the archive writes markers, never tombstones)
        }
        UntilDone.run(LOG, "keep text key " + TextKeyState.topicKey(state.articleKey(), state.epoch()),
                () -> keep(state));
    }

    /**
     * Rewrites the key table once a key lost its bytes (ADR 0042): PostgreSQL keeps an updated row's old bytes in
     * its page until the page is rewritten; {@code VACUUM FULL} writes the table anew with its live rows only. One
     * row an article epoch: quick. Then the WAL that recorded the key is closed and checkpointed past.
     */
    private static void purge(Connection connection) throws SQLException {
        if (KeyTableRewrite.rewrite(connection, "read_model_keys.text_key") == KeyTableRewrite.Wal.NOT_ALLOWED) {
            LOG.warn("the WAL that recorded a destroyed text key stays until the next segment switch and checkpoint:"
                    + " grant the read model's user EXECUTE on pg_switch_wal and the pg_checkpoint role");
        }
    }

    private void keep(TextKeyState state) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (state.isDestroyed()) {
                // the key's bytes go from its row; a row without them (destroyed already, or never held) is kept
                // as it is, and the table rewritten only when bytes went
                int removed;
                try (PreparedStatement destroy = connection.prepareStatement("""
                        UPDATE read_model_keys.text_key SET key = NULL, destroyed_at = ?, destroyed_by = ?
                        WHERE article_key = ? AND epoch = ? AND key IS NOT NULL""")) {
                    destroy.setTimestamp(1, Timestamp.from(state.destroyedAt()));
                    destroy.setObject(2, state.destroyedBy());
                    destroy.setString(3, state.articleKey());
                    destroy.setInt(4, state.epoch());
                    removed = destroy.executeUpdate();
                }
                if (removed == 0) {
                    try (PreparedStatement marker = connection.prepareStatement("""
                            INSERT INTO read_model_keys.text_key (article_key, epoch, key, destroyed_at, destroyed_by)
                            VALUES (?, ?, NULL, ?, ?) ON CONFLICT (article_key, epoch) DO NOTHING""")) {
                        marker.setString(1, state.articleKey());
                        marker.setInt(2, state.epoch());
                        marker.setTimestamp(3, Timestamp.from(state.destroyedAt()));
                        marker.setObject(4, state.destroyedBy());
                        marker.executeUpdate();
                    }
                }
                ring.forget(state.articleKey(), state.epoch());
                if (removed > 0) {
                    purge(connection);
                }
            } else {
                try (PreparedStatement hold = connection.prepareStatement("""
                        INSERT INTO read_model_keys.text_key (article_key, epoch, key) VALUES (?, ?, ?)
                        ON CONFLICT (article_key, epoch) DO NOTHING""")) {
                    hold.setString(1, state.articleKey());
                    hold.setInt(2, state.epoch());
                    hold.setBytes(3, state.key());
                    hold.executeUpdate();
                }
            }
        }
    }
}
