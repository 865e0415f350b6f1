package db.migration;

import dev.palimpsest.query.readmodel.TextPacks;
import dev.palimpsest.textstore.PackCodec;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Upgrades a read model in place (ADR 0026): the texts of {@code revision.text} (one full copy per revision) are
 * packed per article, in sequence order, {@link dev.palimpsest.events.TextsArchived#MAX_TEXTS} distinct texts a pack,
 * each pack primed with the last text of the one before, a fresh pack when the chain would pass
 * {@link TextPacks}' bounds; then the column is dropped. Redacted revisions have no text left to pack. On an empty
 * read model (a new one, or a rebuild's generation) it only drops the column.
 */
public class V11__pack_existing_texts extends BaseJavaMigration {

    private static final int MAX_TEXTS = dev.palimpsest.events.TextsArchived.MAX_TEXTS;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        List<String> articles = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT article_key FROM article ORDER BY article_key")) {
            while (rows.next()) {
                articles.add(rows.getString(1));
            }
        }
        try (PreparedStatement texts = connection.prepareStatement("""
                SELECT rev_sha1, text FROM revision WHERE article_key = ? AND text IS NOT NULL ORDER BY rev_seq""");
             PreparedStatement packs = connection.prepareStatement("""
                     INSERT INTO text_pack (pack_id, article_key, base_sha1, chain_packs, chain_bytes, bytes)
                     VALUES (?, ?, ?, ?, ?, ?)""");
             PreparedStatement index = connection.prepareStatement("""
                     INSERT INTO text (article_key, sha1, pack_id, position) VALUES (?, ?, ?, ?)""")) {
            texts.setFetchSize(MAX_TEXTS);
            for (String article : articles) {
                Chain chain = new Chain(article, packs, index);
                Set<String> seen = new HashSet<>();
                texts.setString(1, article);
                try (ResultSet rows = texts.executeQuery()) {
                    while (rows.next()) {
                        String sha1 = rows.getString(1).trim();
                        if (seen.add(sha1)) {
                            chain.add(sha1, rows.getString(2));
                        }
                    }
                }
                chain.flush();
                packs.executeBatch();
                index.executeBatch();
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE revision DROP CONSTRAINT revision_text_or_hidden");
            statement.execute("ALTER TABLE revision DROP COLUMN text");
            // a text is in the packs under its sha1, or hidden at the source with neither
            statement.execute("""
                    ALTER TABLE revision ADD CONSTRAINT revision_text_or_hidden
                        CHECK ((text_hidden AND rev_sha1 IS NULL) OR (NOT text_hidden AND rev_sha1 IS NOT NULL))""");
        }
    }

    /** The packs of one article, written as they fill. */
    private static final class Chain {
        private final String article;
        private final PreparedStatement packs;
        private final PreparedStatement index;
        private final List<String> sha1s = new ArrayList<>();
        private final List<String> texts = new ArrayList<>();
        private String baseSha1;
        private String base;
        private int chainPacks;
        private long chainBytes;

        Chain(String article, PreparedStatement packs, PreparedStatement index) {
            this.article = article;
            this.packs = packs;
            this.index = index;
        }

        void add(String sha1, String text) throws SQLException {
            sha1s.add(sha1);
            texts.add(text);
            if (sha1s.size() == MAX_TEXTS) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (sha1s.isEmpty()) {
                return;
            }
            long own = texts.stream().mapToLong(String::length).sum();
            if (baseSha1 != null && (chainPacks + 1 > TextPacks.MAX_CHAIN_PACKS
                    || chainBytes + own > TextPacks.MAX_CHAIN_BYTES)) {
                baseSha1 = null;
                base = null;
                chainPacks = 0;
                chainBytes = 0;
            }
            chainPacks++;
            chainBytes += own;
            UUID id = UUID.nameUUIDFromBytes(("read-model-v11:" + article + ":" + sha1s.get(0))
                    .getBytes(StandardCharsets.UTF_8));
            packs.setObject(1, id);
            packs.setString(2, article);
            packs.setString(3, baseSha1);
            packs.setInt(4, chainPacks);
            packs.setLong(5, chainBytes);
            packs.setBytes(6, PackCodec.pack(texts, base));
            packs.addBatch();
            for (int i = 0; i < sha1s.size(); i++) {
                index.setString(1, article);
                index.setString(2, sha1s.get(i));
                index.setObject(3, id);
                index.setInt(4, i);
                index.addBatch();
            }
            baseSha1 = sha1s.get(sha1s.size() - 1);
            base = texts.get(texts.size() - 1);
            sha1s.clear();
            texts.clear();
        }
    }
}
