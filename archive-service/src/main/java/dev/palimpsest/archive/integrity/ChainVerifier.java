package dev.palimpsest.archive.integrity;

import dev.palimpsest.archive.history.TextPacks;
import dev.palimpsest.archive.integrity.ChainVerification.ChainBreak;
import dev.palimpsest.archive.integrity.ChainVerification.Reason;
import dev.palimpsest.archive.integrity.StoredRecords.StoredRecord;
import dev.palimpsest.textstore.PackPolicy;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Recomputes an article's hash chain from its stored rows and texts. Reads one snapshot (a read-only REPEATABLE
 * READ transaction), so revisions archived meanwhile neither break nor join the walk, and holds one page of
 * metadata at a time: a history of any length verifies in bounded memory.
 */
@ApplicationScoped
public class ChainVerifier {

    static final int PAGE_SIZE = 1000;
    /**
     * Unpacked packs kept during one walk, in characters: a few full packs of a large article, so each pack and the
     * chain it is primed from are unpacked once. The walk's own, not the store's: it proves what is on disk now.
     */
    private static final long WALK_CACHE_BYTES = 16_000_000;

    private final DataSource dataSource;

    public ChainVerifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The verification of the article, empty if the archive holds no such article. */
    public Optional<ChainVerification> verify(String articleKey) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                return verify(connection, articleKey);
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the chain of " + articleKey, e);
        }
    }

    private static Optional<ChainVerification> verify(Connection connection, String articleKey) throws SQLException {
        int revisionCount;
        String head;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT revision_count, chain_head FROM article WHERE article_key = ?")) {
            query.setString(1, articleKey);
            try (ResultSet result = query.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                revisionCount = result.getInt(1);
                head = StoredRecords.hex(result, "chain_head");
            }
        }
        Walk walk = new Walk();
        StoredRecords.TextHashes hashes = StoredRecords.inPacks(
                new TextPacks(PackPolicy.DEFAULT, WALK_CACHE_BYTES));
        List<StoredRecord> page;
        do {
            page = StoredRecords.page(connection, articleKey, walk.lastSeq, PAGE_SIZE, hashes);
            for (StoredRecord stored : page) {
                ChainBreak broken = walk.check(stored);
                if (broken != null) {
                    return Optional.of(new ChainVerification(articleKey, false, walk.checked, revisionCount, head,
                            broken));
                }
            }
        } while (page.size() == PAGE_SIZE);
        ChainBreak ending = walk.end(revisionCount, head == null ? HashChain.GENESIS : head);
        return Optional.of(new ChainVerification(articleKey, ending == null, walk.checked, revisionCount, head,
                ending));
    }

    /** The state of a walk along the chain: what the next record must link to and be numbered. */
    private static final class Walk {
        int lastSeq;
        String prev = HashChain.GENESIS;
        long checked;

        ChainBreak check(StoredRecord stored) {
            ChainedRecord record = stored.record();
            int expected = lastSeq + 1;
            if (record.revSeq() != expected) {
                return new ChainBreak(expected, Reason.MISSING_RECORD,
                        "no record " + expected + "; the next stored is " + record.revSeq());
            }
            ChainBreak content = checkContent(record, stored.recomputedTexts());
            if (content != null) {
                return content;
            }
            if (!prev.equals(record.prevRecordHash())) {
                return new ChainBreak(record.revSeq(), Reason.LINK_MISMATCH, "the record links to "
                        + record.prevRecordHash() + ", the previous record's hash is " + prev);
            }
            String recomputed = HashChain.recordHash(record);
            if (!recomputed.equals(stored.recordHash())) {
                return new ChainBreak(record.revSeq(), Reason.RECORD_MISMATCH, "the record's fields hash to "
                        + recomputed + ", the record says " + stored.recordHash());
            }
            prev = stored.recordHash();
            lastSeq = record.revSeq();
            checked++;
            return null;
        }

        private static ChainBreak checkContent(ChainedRecord record, Map<String, String> recomputed) {
            if (!record.textHidden()) {
                ChainBreak main = compare(record.revSeq(), "the main text", record.textSha256(),
                        recomputed.get(StoredRecords.MAIN));
                if (main != null) {
                    return main;
                }
            }
            for (ChainedRecord.Slot slot : record.slots()) {
                if (!slot.textHidden()) {
                    ChainBreak broken = compare(record.revSeq(), "slot " + slot.role(), slot.sha256(),
                            recomputed.get(slot.role()));
                    if (broken != null) {
                        return broken;
                    }
                }
            }
            return null;
        }

        private static ChainBreak compare(int revSeq, String what, String stated, String recomputed) {
            if (recomputed == null) {
                return new ChainBreak(revSeq, Reason.CONTENT_MISMATCH, what + " is missing from the content store,"
                        + " or cannot be unpacked from it");
            }
            if (StoredRecords.ERASED.equals(recomputed)) {
                return null; // erased by a recorded erasure: the record's own SHA-256 stands for it
            }
            if (!recomputed.equals(stated)) {
                return new ChainBreak(revSeq, Reason.CONTENT_MISMATCH, what + "'s SHA-256 is now " + recomputed
                        + ", the record says " + stated);
            }
            return null;
        }

        ChainBreak end(int revisionCount, String head) {
            if (lastSeq < revisionCount) {
                return new ChainBreak(lastSeq + 1, Reason.MISSING_RECORD, "the article has " + revisionCount
                        + " revisions, the chain ends at " + lastSeq);
            }
            if (lastSeq > revisionCount || !Objects.equals(prev, head)) {
                return new ChainBreak(Math.min(lastSeq, revisionCount + 1), Reason.HEAD_MISMATCH, "the chain ends at record " + lastSeq
                        + " with " + prev + ", the article says " + revisionCount + " with " + head);
            }
            return null;
        }
    }
}
