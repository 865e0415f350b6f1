package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The Java migrations' walk over every article, a page of keys at a time, so memory stays bounded. */
final class EveryArticle {

    private static final int PAGE_SIZE = 1000;

    /** What a migration does to one article. */
    @FunctionalInterface
    interface Step {
        void apply(String articleKey) throws SQLException;
    }

    private EveryArticle() {
    }

    /** Applies {@code step} to every article, in byte order of their keys. */
    static void forEach(Connection connection, Step step) throws SQLException {
        String afterKey = "";
        List<String> articles;
        do {
            articles = articlesAfter(connection, afterKey);
            for (String articleKey : articles) {
                step.apply(articleKey);
            }
            if (!articles.isEmpty()) {
                afterKey = articles.get(articles.size() - 1);
            }
        } while (articles.size() == PAGE_SIZE);
    }

    private static List<String> articlesAfter(Connection connection, String afterKey) throws SQLException {
        List<String> keys = new ArrayList<>();
        // byte order, whatever the database's collation: the walk must not skip or repeat a key
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT article_key FROM article WHERE article_key COLLATE "C" > ? COLLATE "C"
                ORDER BY article_key COLLATE "C" LIMIT ?""")) {
            query.setString(1, afterKey);
            query.setInt(2, PAGE_SIZE);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    keys.add(result.getString(1));
                }
            }
        }
        return keys;
    }
}
