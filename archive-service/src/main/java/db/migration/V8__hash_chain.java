package db.migration;

import dev.palimpsest.archive.integrity.ChainedRecord;
import dev.palimpsest.archive.integrity.HashChain;
import dev.palimpsest.archive.integrity.StoredRecords;
import dev.palimpsest.archive.integrity.StoredRecords.StoredRecord;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The per-article hash chain (ADR 0010): adds the hash columns and links every revision already archived, article
 * by article in rev_seq order, with the very code the archive appends with (a SQL reimplementation of the encoding
 * could drift from it; a test checks backfilled hashes equal live ones). Java, not SQL, for that reason only.
 * Memory stays bounded: articles and revisions are read a page at a time. It reads texts where they were then, in
 * full in table content ({@link StoredRecords#IN_CONTENT_TABLE}); V10 packs them afterwards.
 */
public class V8__hash_chain extends BaseJavaMigration { // Flyway reads the version from the class name

    private static final int PAGE_SIZE = 1000;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE article ADD COLUMN chain_head char(64)");
            ddl.execute("""
                    ALTER TABLE revision ADD COLUMN text_sha256 char(64),
                                         ADD COLUMN prev_record_hash char(64),
                                         ADD COLUMN record_hash char(64)""");
            ddl.execute("ALTER TABLE revision_slot ADD COLUMN sha256 char(64)");
            ddl.execute("UPDATE revision r SET text_sha256 = " + StoredRecords.CONTENT_SHA256 + " FROM content c"
                    + " WHERE c.article_key = r.article_key AND c.sha1 = r.rev_sha1");
            ddl.execute("UPDATE revision_slot s SET sha256 = " + StoredRecords.CONTENT_SHA256 + " FROM content c"
                    + " WHERE c.article_key = s.article_key AND c.sha1 = s.sha1");
        }
        backfillChains(connection);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("""
                    ALTER TABLE revision ALTER COLUMN prev_record_hash SET NOT NULL,
                                         ALTER COLUMN record_hash SET NOT NULL,
                                         ADD CONSTRAINT revision_text_sha256_unless_hidden
                                             CHECK (text_hidden = (text_sha256 IS NULL))""");
            ddl.execute("""
                    ALTER TABLE revision_slot ADD CONSTRAINT revision_slot_sha256_unless_hidden
                        CHECK (text_hidden = (sha256 IS NULL))""");
        }
    }

    private static void backfillChains(Connection connection) throws SQLException {
        EveryArticle.forEach(connection, articleKey -> backfill(connection, articleKey));
    }


    /** Links the article's revisions in rev_seq order and records the head. */
    private static void backfill(Connection connection, String articleKey) throws SQLException {
        String prev = HashChain.GENESIS;
        int afterSeq = 0;
        List<StoredRecord> page;
        try (PreparedStatement link = connection.prepareStatement(
                "UPDATE revision SET prev_record_hash = ?, record_hash = ? WHERE article_key = ? AND rev_seq = ?")) {
            do {
                page = StoredRecords.page(connection, articleKey, afterSeq, PAGE_SIZE,
                        StoredRecords.IN_CONTENT_TABLE);
                for (StoredRecord stored : page) {
                    ChainedRecord record = stored.record().linkedTo(prev);
                    String hash = HashChain.recordHash(record);
                    link.setString(1, prev);
                    link.setString(2, hash);
                    link.setString(3, articleKey);
                    link.setInt(4, record.revSeq());
                    link.addBatch();
                    prev = hash;
                    afterSeq = record.revSeq();
                }
                link.executeBatch();
            } while (page.size() == PAGE_SIZE);
        }
        if (afterSeq > 0) {
            try (PreparedStatement head = connection.prepareStatement(
                    "UPDATE article SET chain_head = ? WHERE article_key = ?")) {
                head.setString(1, prev);
                head.setString(2, articleKey);
                head.executeUpdate();
            }
        }
    }
}
