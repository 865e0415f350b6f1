package db.migration;

import dev.palimpsest.archive.history.TextPacks;
import dev.palimpsest.textstore.PackPolicy;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Each article's texts as a history of zstd packs (ADR 0025): table {@code text_pack} holds the packs, and
 * {@code content} keeps one row per distinct text saying where it is (pack and position) instead of the text. The
 * texts already stored are repacked article by article, in the order the article's revisions first name them, with
 * the very code the archive packs with live ({@link TextPacks}); Java, not SQL, for zstd. Memory stays bounded:
 * articles are read a page at a time and their texts streamed through a cursor, a few packs at a time.
 */
public class V10__text_packs extends BaseJavaMigration { // Flyway reads the version from the class name

    /** Texts handed to the packer at a time: a multiple of a pack, so a history is cut into full packs. */
    private static final int TEXTS_AT_A_TIME = 8 * PackPolicy.DEFAULT.textsPerPack();
    private static final long CACHE_BYTES = 16_000_000;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("""
                    CREATE TABLE text_pack (
                        article_key text    NOT NULL REFERENCES article (article_key),
                        pack_id     bigint  GENERATED ALWAYS AS IDENTITY,
                        base_sha1   char(40),
                        text_count  integer NOT NULL CHECK (text_count > 0),
                        chain_texts integer NOT NULL CHECK (chain_texts >= text_count),
                        body        bytea   NOT NULL,
                        PRIMARY KEY (article_key, pack_id)
                    )""");
            // zstd has compressed the body: PostgreSQL's pglz would only spend time failing to
            ddl.execute("ALTER TABLE text_pack ALTER COLUMN body SET STORAGE EXTERNAL");
            ddl.execute("""
                    ALTER TABLE content ALTER COLUMN text DROP NOT NULL,
                                        ADD COLUMN pack_id bigint,
                                        ADD COLUMN position smallint""");
            // the archive packs an article's new texts when its transaction commits, after the rows naming them
            ddl.execute("ALTER TABLE revision ALTER CONSTRAINT revision_content_fk DEFERRABLE INITIALLY DEFERRED");
            ddl.execute("ALTER TABLE revision_slot ALTER CONSTRAINT revision_slot_article_key_sha1_fkey"
                    + " DEFERRABLE INITIALLY DEFERRED");
        }
        TextPacks packs = new TextPacks(PackPolicy.DEFAULT, CACHE_BYTES, false);
        EveryArticle.forEach(connection, articleKey -> repack(connection, packs, articleKey));
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("""
                    ALTER TABLE content DROP COLUMN text,
                                        ALTER COLUMN pack_id SET NOT NULL,
                                        ALTER COLUMN position SET NOT NULL""");
            // rewrites the table without the texts, so their space is given back now rather than never. Not on an
            // empty table: CLUSTER records it as known to be empty, the plans of the foreign-key checks made while
            // it is small then scan it whole and stay cached while it grows (a fresh archive's first import read
            // 84 M rows of it, one scan a revision, until autovacuum analysed it), whereas a table never measured
            // is planned as at least ten pages, by its index
            boolean empty;
            try (ResultSet any = ddl.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM content)")) {
                any.next();
                empty = any.getBoolean(1);
            }
            if (!empty) {
                ddl.execute("CLUSTER content USING content_pkey");
            }
        }
    }


    /**
     * Packs the article's texts in the order its revisions first name them (a revision's main text, then its other
     * slots, as the archive stores them live); a text no revision names (none should exist) comes last, so nothing
     * stored is dropped.
     */
    private static void repack(Connection connection, TextPacks packs, String articleKey) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT c.sha1, c.text
                FROM content c
                LEFT JOIN (SELECT sha1, min(named_at) AS first_named_at
                           FROM (SELECT rev_sha1 AS sha1, rev_seq::bigint * 2 AS named_at FROM revision
                                 WHERE article_key = ? AND rev_sha1 IS NOT NULL
                                 UNION ALL
                                 SELECT sha1, rev_seq::bigint * 2 + 1 FROM revision_slot
                                 WHERE article_key = ? AND sha1 IS NOT NULL) AS named
                           GROUP BY sha1) AS first ON first.sha1 = c.sha1
                WHERE c.article_key = ?
                ORDER BY first.first_named_at NULLS LAST, c.sha1""")) {
            query.setString(1, articleKey);
            query.setString(2, articleKey);
            query.setString(3, articleKey);
            // a cursor (the migration's transaction is open): a long history is never held whole
            query.setFetchSize(TEXTS_AT_A_TIME);
            List<String> sha1s = new ArrayList<>();
            List<byte[]> texts = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sha1s.add(rows.getString(1));
                    texts.add(rows.getString(2).getBytes(StandardCharsets.UTF_8));
                    if (texts.size() == TEXTS_AT_A_TIME) {
                        packs.append(connection, articleKey, texts, sha1s, List.of());
                        sha1s.clear();
                        texts.clear();
                    }
                }
            }
            packs.append(connection, articleKey, texts, sha1s, List.of());
        }
    }
}
