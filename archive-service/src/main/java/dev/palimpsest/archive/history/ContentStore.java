package dev.palimpsest.archive.history;

import dev.palimpsest.archive.history.TextPacks.HeldText;
import dev.palimpsest.textstore.PackPolicy;
import dev.palimpsest.textstore.sealed.SealedPack;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The distinct texts of each article, stored once and named by their sha1, kept as a history of zstd packs
 * ({@link TextPacks}, ADR 0025). Storing a text the article already holds stores nothing; it is checked byte for
 * byte first, because sha1 collisions can be manufactured and an archive that merged two different texts under one
 * name would silently lose one of them.
 *
 * <p>Texts stored in a transaction are packed together when it commits (one pack for a batch of an import, a small
 * pack for a single live submission), so consecutive texts compress against each other. Until then they are held
 * by the transaction, and {@link #text} and the collision check see them. The foreign keys that name texts are
 * checked at commit, after the packs are written.
 */
@ApplicationScoped
public class ContentStore {

    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final TextPacks packs;

    public ContentStore(DataSource dataSource, TransactionSynchronizationRegistry transactions,
                        @ConfigProperty(name = "palimpsest.archive.texts.cache-bytes") long cacheBytes) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.packs = new TextPacks(PackPolicy.DEFAULT, cacheBytes);
    }

    /**
     * Makes sure the article holds the text {@code utf8} under {@code sha1}, which the caller computed from those
     * bytes. Must be called in a transaction: the text is packed when it commits. The bytes are kept, not copied:
     * the caller must not change them.
     *
     * @return the salt of the text's commitment (ADR 0041), sealed with it (ADR 0042): a new one for a text new to
     *         the article, the one it has for a text it holds; null for a text stored before texts had salts
     * @throws Sha1Collision if the article holds a different text under the same sha1
     * @throws NulCharacter  if the text holds a NUL character
     */
    public byte[] store(String articleKey, String sha1, byte[] utf8) {
        Pending pending = pending(true);
        HeldText held = pending.text(articleKey, sha1);
        if (held == null && !pending.looked(articleKey, sha1)) {
            held = stored(articleKey, Set.of(sha1)).get(sha1);
        }
        if (held == null) {
            // in UTF-8 a zero byte is the NUL character and nothing else
            for (byte b : utf8) {
                if (b == 0) {
                    throw new NulCharacter(articleKey, sha1);
                }
            }
            held = new HeldText(utf8, SealedPack.newSalt());
            pending.add(articleKey, sha1, held);
        } else if (!Arrays.equals(held.utf8(), utf8)) {
            throw new Sha1Collision(articleKey, sha1);
        }
        return held.salt();
    }

    /**
     * Looks up, in one query, which of {@code sha1s} the article held before this transaction, so that
     * {@link #store} of each of them needs no query of its own (a batch of an import: one round trip instead of one
     * a revision). Must be called in a transaction; what it found is forgotten when it ends.
     */
    public void lookUp(String articleKey, Set<String> sha1s) {
        Pending pending = pending(true);
        pending.heldBefore(articleKey, sha1s, stored(articleKey, sha1s));
    }

    /** The text stored under {@code sha1} (in this transaction, or before it). */
    public String text(String articleKey, String sha1) {
        return new String(utf8(articleKey, sha1), StandardCharsets.UTF_8);
    }

    /**
     * The UTF-8 bytes of the text stored under {@code sha1} (in this transaction, or before it); the caller must not
     * change them.
     */
    public byte[] utf8(String articleKey, String sha1) {
        return held(articleKey, sha1).utf8();
    }

    /** The text stored under {@code sha1} (in this transaction, or before it) with its salt. */
    public HeldText held(String articleKey, String sha1) {
        Pending pending = pending(false);
        HeldText held = pending == null ? null : pending.text(articleKey, sha1);
        if (held == null) {
            held = stored(articleKey, Set.of(sha1)).get(sha1);
        }
        if (held == null) {
            throw new IllegalStateException(articleKey + " names text " + sha1 + " but does not hold it");
        }
        return held;
    }

    /**
     * Erases the text stored under {@code sha1} (ADR 0042): the article's other texts are sealed again under its
     * next key and every older key is deleted ({@link TextPacks#rekey}); texts this transaction stored and has not
     * packed yet are packed first, so none escapes. The caller holds the article's lock.
     *
     * @return the article's new key
     */
    public dev.palimpsest.textstore.sealed.TextKey erase(String articleKey, String sha1, java.util.UUID redactionId) {
        Pending pending = pending(true);
        try (Connection connection = dataSource.getConnection()) {
            pending.packNow(connection, articleKey);
            pending.forget(articleKey, sha1);
            return packs.rekey(connection, articleKey, sha1, redactionId);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot erase text " + sha1 + " of " + articleKey, e);
        }
    }

    /**
     * Why the article's texts cannot be erased, or null if they can: every pack must be sealed, since texts stored
     * in clear are also in clear on both topics (ADR 0042).
     */
    public String erasureRefusal(String articleKey) {
        try (Connection connection = dataSource.getConnection();
             java.sql.PreparedStatement query = connection.prepareStatement(
                     "SELECT EXISTS (SELECT 1 FROM text_pack WHERE article_key = ? AND key_epoch IS NULL)")) {
            query.setString(1, articleKey);
            try (java.sql.ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1) ? "texts of article '" + articleKey + "' were stored before texts were"
                        + " sealed, and are in clear on both topics: they cannot be erased (ADR 0042)" : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the packs of " + articleKey, e);
        }
    }

    /** Visits every text the article holds, with its salt, in their order of arrival (memory bounded by a pack). */
    public void forEachHeld(String articleKey, TextPacks.HeldVisitor visitor) {
        try (Connection connection = dataSource.getConnection()) {
            packs.forEachHeld(connection, articleKey, visitor);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the texts of " + articleKey, e);
        }
    }

    /** The epoch of the article's current text key. */
    public int currentKeyEpoch(String articleKey) {
        try (Connection connection = dataSource.getConnection()) {
            return dev.palimpsest.archive.sealing.TextKeys.current(connection, articleKey).epoch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the text key of " + articleKey, e);
        }
    }

    /** Whether the text under {@code sha1} was erased (ADR 0042). */
    public boolean isErased(String articleKey, String sha1) {
        try (Connection connection = dataSource.getConnection();
             java.sql.PreparedStatement query = connection.prepareStatement(
                     "SELECT erased_by IS NOT NULL FROM content WHERE article_key = ? AND sha1 = ?")) {
            query.setString(1, articleKey);
            query.setString(2, sha1);
            try (java.sql.ResultSet row = query.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read text " + sha1 + " of " + articleKey, e);
        }
    }

    private Map<String, HeldText> stored(String articleKey, Set<String> sha1s) {
        try (Connection connection = dataSource.getConnection()) {
            return packs.held(connection, articleKey, sha1s);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the texts of " + articleKey, e);
        }
    }

    /** The texts this transaction stored and has not packed yet; null outside a transaction unless created. */
    private Pending pending(boolean create) {
        if (transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            if (create) {
                throw new IllegalStateException("texts are stored in a transaction");
            }
            return null;
        }
        Pending pending = (Pending) transactions.getResource(Pending.class);
        if (pending == null && create) {
            pending = new Pending();
            transactions.putResource(Pending.class, pending);
            transactions.registerInterposedSynchronization(pending);
        }
        return pending;
    }

    /**
     * Texts held by one transaction, by article in key order and in the order they were stored; packed before it
     * commits. On rollback they are simply dropped.
     */
    private final class Pending implements Synchronization {
        private final Map<String, Map<String, HeldText>> byArticle = new TreeMap<>();
        /** sha1s {@link #lookUp} looked up, by article, and the texts it found held before the transaction. */
        private final Map<String, Set<String>> lookedUp = new HashMap<>();
        private final Map<String, Map<String, HeldText>> held = new HashMap<>();

        /** The text under {@code sha1}, stored by this transaction or found held before it by a look-up. */
        HeldText text(String articleKey, String sha1) {
            Map<String, HeldText> texts = byArticle.get(articleKey);
            HeldText text = texts == null ? null : texts.get(sha1);
            if (text == null) {
                Map<String, HeldText> before = held.get(articleKey);
                text = before == null ? null : before.get(sha1);
            }
            return text;
        }

        boolean looked(String articleKey, String sha1) {
            Set<String> sha1s = lookedUp.get(articleKey);
            return sha1s != null && sha1s.contains(sha1);
        }

        /** Texts held before the transaction are kept with its own: both are what a collision is checked against. */
        void heldBefore(String articleKey, Set<String> sha1s, Map<String, HeldText> found) {
            lookedUp.computeIfAbsent(articleKey, key -> new HashSet<>()).addAll(sha1s);
            held.computeIfAbsent(articleKey, key -> new HashMap<>()).putAll(found);
        }

        void add(String articleKey, String sha1, HeldText text) {
            byArticle.computeIfAbsent(articleKey, key -> new LinkedHashMap<>()).put(sha1, text);
        }

        /** Forgets that the article held {@code sha1} before: it no longer does. */
        void forget(String articleKey, String sha1) {
            Map<String, HeldText> before = held.get(articleKey);
            if (before != null) {
                before.remove(sha1);
            }
            Set<String> looked = lookedUp.get(articleKey);
            if (looked != null) {
                looked.remove(sha1);
            }
        }

        /** Packs the article's texts held by the transaction now, rather than when it commits. */
        void packNow(Connection connection, String articleKey) throws SQLException {
            Map<String, HeldText> texts = byArticle.remove(articleKey);
            if (texts != null && !texts.isEmpty()) {
                packs.append(connection, articleKey, texts.values().stream().map(HeldText::utf8).toList(),
                        new ArrayList<>(texts.keySet()), texts.values().stream().map(HeldText::salt).toList());
            }
        }

        @Override
        public void beforeCompletion() {
            if (transactions.getRollbackOnly() || byArticle.isEmpty()) {
                return;
            }
            try (Connection connection = dataSource.getConnection()) {
                for (Map.Entry<String, Map<String, HeldText>> article : byArticle.entrySet()) {
                    Collection<HeldText> texts = article.getValue().values();
                    packs.append(connection, article.getKey(), texts.stream().map(HeldText::utf8).toList(),
                            new ArrayList<>(article.getValue().keySet()), texts.stream().map(HeldText::salt).toList());
                }
            } catch (SQLException e) {
                transactions.setRollbackOnly();
                throw new IllegalStateException("cannot pack the texts of " + byArticle.keySet(), e);
            }
            byArticle.clear();
        }

        @Override
        public void afterCompletion(int status) {
            byArticle.clear();
            lookedUp.clear();
            held.clear();
        }
    }

    /**
     * A text with a NUL character: refused (the submission is dead-lettered), as it was when texts were PostgreSQL
     * {@code text} values, which cannot hold one; ingest refuses them, and so does the read model's storage.
     */
    public static final class NulCharacter extends IllegalArgumentException {
        NulCharacter(String articleKey, String sha1) {
            super("text " + sha1 + " of " + articleKey + " holds a NUL character, which no text may");
        }
    }

    /** Two different texts with one sha1: refused, the submission is dead-lettered with this reason. */
    public static final class Sha1Collision extends IllegalStateException {
        Sha1Collision(String articleKey, String sha1) {
            super("a different text of " + articleKey + " already has sha1 " + sha1 + " (a sha1 collision)");
        }
    }
}
