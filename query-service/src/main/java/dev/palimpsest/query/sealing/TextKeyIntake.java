package dev.palimpsest.query.sealing;

import dev.palimpsest.events.TextKeyState;
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
import java.time.Duration;

/**
 * Reads the archive's text keys ({@code palimpsest.text-keys}, ADR 0042) into {@code read_model_keys.text_key}: a
 * held key is kept, a destroyed one loses its bytes and keeps its row (so its packs are skipped, not waited for). A
 * key never comes back once destroyed. A record that is no key is logged and skipped; a database that is away is
 * waited for, the record kept in hand.
 */
@ApplicationScoped
public class TextKeyIntake {

    private static final Logger LOG = Logger.getLogger(TextKeyIntake.class);
    private static final Duration FIRST_WAIT = Duration.ofMillis(200);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

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
        Duration wait = FIRST_WAIT;
        while (true) {
            try {
                keep(state);
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("could not keep text key %s (%s); trying again in %s",
                        TextKeyState.topicKey(state.articleKey(), state.epoch()), e.getMessage(), wait);
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
            }
        }
    }

    /**
     * Rewrites the key table once a key lost its bytes (ADR 0042): PostgreSQL keeps an updated row's old bytes in
     * its page until the page is rewritten; {@code VACUUM FULL} writes the table anew with its live rows only. One
     * row an article epoch: quick. The WAL that recorded the key leaves with the next checkpoints.
     */
    private static void purge(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (java.sql.Statement vacuum = connection.createStatement()) {
            vacuum.execute("VACUUM FULL read_model_keys.text_key");
        }
    }

    private void keep(TextKeyState state) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (state.isDestroyed()) {
                try (PreparedStatement destroy = connection.prepareStatement("""
                        INSERT INTO read_model_keys.text_key (article_key, epoch, key, destroyed_at, destroyed_by)
                        VALUES (?, ?, NULL, ?, ?)
                        ON CONFLICT (article_key, epoch) DO UPDATE SET key = NULL,
                            destroyed_at = EXCLUDED.destroyed_at, destroyed_by = EXCLUDED.destroyed_by""")) {
                    destroy.setString(1, state.articleKey());
                    destroy.setInt(2, state.epoch());
                    destroy.setTimestamp(3, Timestamp.from(state.destroyedAt()));
                    destroy.setObject(4, state.destroyedBy());
                    destroy.executeUpdate();
                }
                ring.forget(state.articleKey(), state.epoch());
                purge(connection);
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
