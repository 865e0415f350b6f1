package dev.palimpsest.query.sealing;

import dev.palimpsest.consumer.TransientFailureRetry;
import dev.palimpsest.events.TextKeyState;
import dev.palimpsest.textstore.RecentlyUsed;
import dev.palimpsest.textstore.sealed.SealedPack;
import dev.palimpsest.textstore.sealed.TextKey;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The articles' text keys as the read model holds them (ADR 0042): table {@code read_model_keys.text_key}, filled
 * from the keys topic by {@link TextKeyIntake}, shared by every read-model generation. Opens the sealed packs the
 * read model stores as shipped. Keys read are kept in memory (a few hundred thousand at most); a key destroyed is
 * forgotten at once.
 */
@ApplicationScoped
public class TextKeyRing {

    /** How long the writer waits for a key the keys topic has not delivered yet before retrying its batch. */
    private static final long WAIT_MILLIS = 2_000;
    private static final long KEYS_KEPT = 200_000;

    private final AgroalDataSource dataSource;
    private final RecentlyUsed<String, TextKey> keys = new RecentlyUsed<>(KEYS_KEPT, key -> 1);

    public TextKeyRing(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What the read model knows of one key. */
    public sealed interface State {
        record Held(TextKey key) implements State {
        }

        record Destroyed() implements State {
        }

        record Unknown() implements State {
        }
    }

    /** What the read model knows of {@code articleKey}'s key of {@code epoch} now. */
    public State state(String articleKey, int epoch) {
        String name = TextKeyState.topicKey(articleKey, epoch);
        TextKey cached = keys.get(name);
        if (cached != null) {
            return new State.Held(cached);
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT key FROM read_model_keys.text_key WHERE article_key = ? AND epoch = ?")) {
            query.setString(1, articleKey);
            query.setInt(2, epoch);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return new State.Unknown();
                }
                byte[] key = row.getBytes(1);
                if (key == null) {
                    return new State.Destroyed();
                }
                TextKey held = new TextKey(epoch, key);
                keys.put(name, held);
                return new State.Held(held);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read text key " + name, e);
        }
    }

    /**
     * The key the writer needs to store a pack, waiting a little for one the keys topic has not delivered yet (the
     * archive publishes each before what it seals).
     *
     * @return empty if an erasure destroyed it: what it sealed is skipped
     * @throws TransientFailureRetry.NotYet if it has still not arrived: the batch is tried again later
     */
    public Optional<TextKey> forWriter(String articleKey, int epoch) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (true) {
            State state = state(articleKey, epoch);
            if (state instanceof State.Held held) {
                return Optional.of(held.key());
            }
            if (state instanceof State.Destroyed) {
                return Optional.empty();
            }
            if (System.currentTimeMillis() > deadline) {
                throw new TransientFailureRetry.NotYet("the key of epoch " + epoch + " of " + articleKey
                        + " has not arrived from the keys topic yet");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientFailureRetry.NotYet("interrupted while waiting for a text key");
            }
        }
    }

    /**
     * The key the read model holds for {@code articleKey}'s epoch {@code epoch}.
     *
     * @throws dev.palimpsest.textstore.PackCodec.CorruptPack if it is not held (destroyed, or not arrived): what it
     *                                                        sealed cannot be read
     */
    public TextKey held(String articleKey, int epoch) {
        State state = state(articleKey, epoch);
        if (!(state instanceof State.Held held)) {
            throw new dev.palimpsest.textstore.PackCodec.CorruptPack("a pack of " + articleKey + " is sealed with its"
                    + " key of epoch " + epoch + ", which the read model " + (state instanceof State.Destroyed
                    ? "no longer holds (destroyed by an erasure)" : "has not received"));
        }
        return held.key();
    }

    /**
     * Opens a pack the read model stored sealed with {@code articleKey}'s key of {@code epoch}.
     *
     * @throws dev.palimpsest.textstore.PackCodec.CorruptPack if its key is not held (destroyed, or not arrived) or
     *                                                        it does not open with it
     */
    public SealedPack.Opened open(String articleKey, int epoch, byte[] sealed) {
        return SealedPack.open(held(articleKey, epoch), articleKey, sealed);
    }

    /** Whether an erasure destroyed any key of the article (ADR 0042). */
    public boolean destroyedAny(String articleKey) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM"
                     + " read_model_keys.text_key WHERE article_key = ? AND key IS NULL)")) {
            query.setString(1, articleKey);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the text keys of " + articleKey, e);
        }
    }

    /** Forgets a key kept in memory (it was destroyed). */
    void forget(String articleKey, int epoch) {
        keys.remove(TextKeyState.topicKey(articleKey, epoch));
    }
}
