package dev.palimpsest.archive.sealing;

import dev.palimpsest.textstore.sealed.TextKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The articles' text keys (ADR 0042), in table {@code text_key}: one row an article epoch, the only place the archive
 * keeps a key. Not cached: a key read in a transaction that is then rolled back must not seal anything later, and
 * a pack's key is read with the pack ({@code TextPacks}), whose unpacked texts are what is cached.
 */
public final class TextKeys {

    private TextKeys() {
    }

    /**
     * The key the article's packs are sealed with now: that of its latest epoch, made (epoch 1) for an article that
     * has none. The caller holds the article's lock, so two transactions never make one article's first key.
     */
    public static TextKey current(Connection connection, String articleKey) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT epoch, key FROM text_key WHERE article_key = ? ORDER BY epoch DESC LIMIT 1")) {
            query.setString(1, articleKey);
            try (ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    return new TextKey(row.getInt(1), row.getBytes(2));
                }
            }
        }
        return create(connection, articleKey, 1);
    }

    /** Makes and keeps the article's key of {@code epoch}. */
    public static TextKey create(Connection connection, String articleKey, int epoch) throws SQLException {
        TextKey key = TextKey.fresh(epoch);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO text_key (article_key, epoch, key) VALUES (?, ?, ?)")) {
            insert.setString(1, articleKey);
            insert.setInt(2, epoch);
            insert.setBytes(3, key.bytes());
            insert.executeUpdate();
        }
        return key;
    }

    /** An article's key of one epoch. */
    public record ArticleKey(String articleKey, TextKey key) {
    }

    /** An article's key epoch. */
    public record ArticleEpoch(String articleKey, int epoch) {
    }

    /** The keys of {@code epochs} the archive holds (a destroyed one is absent), in one query. */
    public static List<ArticleKey> of(Connection connection, Collection<ArticleEpoch> epochs) throws SQLException {
        List<ArticleKey> keys = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT k.article_key, k.epoch, k.key FROM text_key k
                JOIN unnest(?, ?) AS w (article_key, epoch) USING (article_key, epoch)""")) {
            query.setArray(1, connection.createArrayOf("text",
                    epochs.stream().map(ArticleEpoch::articleKey).toArray()));
            query.setArray(2, connection.createArrayOf("integer", epochs.stream().map(ArticleEpoch::epoch).toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.add(new ArticleKey(rows.getString(1), new TextKey(rows.getInt(2), rows.getBytes(3))));
                }
            }
        }
        return keys;
    }
}
