package dev.palimpsest.archive.history;

import dev.palimpsest.textstore.PackCodec;
import dev.palimpsest.textstore.PackPolicy;
import dev.palimpsest.textstore.sealed.SealedPack;
import dev.palimpsest.textstore.sealed.TextKey;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tests' view of the texts at rest, read from disk (a cache of its own, never the store's): every text by article
 * and sha1, the packs of an article, a text forged in place, and the table layout before V10 put back (for the
 * migration tests, in a transaction they roll back).
 */
public final class StoredTexts {

    private StoredTexts() {
    }

    /** Runs a Java migration on {@code connection}, as Flyway would. */
    public static void migrate(JavaMigration migration, Connection connection) throws Exception {
        migration.migrate(new Context() {
            @Override
            public Configuration getConfiguration() {
                throw new UnsupportedOperationException("the migration needs no configuration");
            }

            @Override
            public Connection getConnection() {
                return connection;
            }
        });
    }

    private static TextPacks fromDisk() {
        return new TextPacks(PackPolicy.DEFAULT, 64_000_000);
    }

    /**
     * Every text held, keyed "article sha1", of the articles matching {@code articleLike} (SQL LIKE); a text that
     * cannot be unpacked (another test forged a pack it is primed from) is left out.
     */
    public static Map<String, String> all(Connection connection, String articleLike) throws SQLException {
        Map<String, List<String>> sha1s = sha1s(connection, articleLike);
        Map<String, String> texts = new LinkedHashMap<>();
        TextPacks packs = fromDisk();
        for (Map.Entry<String, List<String>> article : sha1s.entrySet()) {
            packs.forEach(connection, article.getKey(), article.getValue(), true,
                    (sha1, utf8) -> texts.put(article.getKey() + " " + sha1, new String(utf8, StandardCharsets.UTF_8)));
        }
        return texts;
    }

    /**
     * The salt of every text held whose pack is sealed (ADR 0042), keyed "article sha1", of the articles matching
     * {@code articleLike}.
     */
    public static Map<String, byte[]> salts(Connection connection, String articleLike) throws SQLException {
        Map<String, byte[]> salts = new LinkedHashMap<>();
        TextPacks packs = fromDisk();
        for (Map.Entry<String, List<String>> article : sha1s(connection, articleLike).entrySet()) {
            packs.held(connection, article.getKey(), article.getValue()).forEach((sha1, held) -> {
                if (held.salt() != null) {
                    salts.put(article.getKey() + " " + sha1, held.salt());
                }
            });
        }
        return salts;
    }

    private static Map<String, List<String>> sha1s(Connection connection, String articleLike) throws SQLException {
        Map<String, List<String>> sha1s = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT article_key, sha1 FROM content WHERE article_key LIKE ? ORDER BY article_key, sha1")) {
            query.setString(1, articleLike);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sha1s.computeIfAbsent(rows.getString(1), key -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        return sha1s;
    }

    /** The article's packs in order: how many texts each holds, and whether it is primed. */
    public static List<String> packs(Connection connection, String articleKey) throws SQLException {
        List<String> packs = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT text_count, base_sha1 IS NOT NULL FROM text_pack WHERE article_key = ? ORDER BY pack_id")) {
            query.setString(1, articleKey);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    packs.add(rows.getInt(1) + (rows.getBoolean(2) ? " primed" : " fresh"));
                }
            }
        }
        return packs;
    }

    /** What a forger with the code would do: rewrites the pack holding text {@code sha1} with another text there. */
    public static void forge(Connection connection, String articleKey, String sha1, String forged)
            throws SQLException {
        long packId;
        int position;
        String baseSha1;
        TextKey key = null;
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT c.pack_id, c.position, p.base_sha1, p.key_epoch, k.key FROM content c
                JOIN text_pack p ON p.article_key = c.article_key AND p.pack_id = c.pack_id
                LEFT JOIN text_key k ON k.article_key = p.article_key AND k.epoch = p.key_epoch
                WHERE c.article_key = ? AND c.sha1 = ?""")) {
            query.setString(1, articleKey);
            query.setString(2, sha1);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                packId = row.getLong(1);
                position = row.getInt(2);
                baseSha1 = row.getString(3);
                if (row.getBytes(5) != null) {
                    key = new TextKey(row.getInt(4), row.getBytes(5));
                }
            }
        }
        TextPacks packs = fromDisk();
        TextPacks.Unpacked unpacked = packs.unpacked(connection, articleKey, packId);
        List<byte[]> texts = new ArrayList<>(unpacked.texts());
        texts.set(position, forged.getBytes(StandardCharsets.UTF_8));
        byte[] base = baseSha1 == null ? null : packs.texts(connection, articleKey, List.of(baseSha1)).get(baseSha1);
        byte[] body = PackCodec.packUtf8(texts, base, PackCodec.DEFAULT_LEVEL);
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE text_pack SET body = ? WHERE article_key = ? AND pack_id = ?")) {
            // the keys are in the same database: a forger who can write it can seal
            update.setBytes(1, key == null ? body : SealedPack.seal(key, articleKey, unpacked.salts(), body));
            update.setString(2, articleKey);
            update.setLong(3, packId);
            update.executeUpdate();
        }
    }

    /** Runs V10 on a database {@link #backToV9} made, then V14 (the keys), so the texts read as the store reads them. */
    public static void migrateFromV9(Connection connection) throws Exception {
        migrate(new db.migration.V10__text_packs(), connection);
        try (var sql = StoredTexts.class.getResourceAsStream("/db/migration/V14__sealed_texts.sql");
             Statement ddl = connection.createStatement()) {
            ddl.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * Puts back the layout of V9 (each text in full in {@code content.text}, no packs) with the texts held now, as
     * a database written by the version before packs would have it.
     */
    public static void backToV9(Connection connection) throws SQLException {
        Map<String, String> texts = all(connection, "%");
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE content ADD COLUMN text text");
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE content SET text = ? WHERE article_key = ? AND sha1 = ?")) {
            for (Map.Entry<String, String> text : texts.entrySet()) {
                int space = text.getKey().lastIndexOf(' ');
                update.setString(1, text.getValue());
                update.setString(2, text.getKey().substring(0, space));
                update.setString(3, text.getKey().substring(space + 1));
                update.addBatch();
            }
            update.executeBatch();
        }
        try (Statement ddl = connection.createStatement()) {
            // texts other tests made unreadable by forging: some text, so the column can be NOT NULL again
            ddl.execute("UPDATE content SET text = 'unreadable' WHERE text IS NULL");
            ddl.execute("ALTER TABLE content DROP COLUMN pack_id, DROP COLUMN position,"
                    + " ALTER COLUMN text SET NOT NULL");
            ddl.execute("DROP TABLE text_pack");
            ddl.execute("DROP TABLE text_key");
            ddl.execute("ALTER TABLE revision ALTER CONSTRAINT revision_content_fk NOT DEFERRABLE");
            ddl.execute("ALTER TABLE revision_slot ALTER CONSTRAINT revision_slot_article_key_sha1_fkey"
                    + " NOT DEFERRABLE");
        }
    }
}
