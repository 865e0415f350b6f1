package dev.palimpsest.archive.integrity;

import dev.palimpsest.archive.history.TextPacks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads an article's revision rows as the chain sees them, a page at a time in rev_seq order, with the SHA-256 of
 * each text recomputed from the texts as stored now ({@link TextHashes}): a page costs memory for its metadata and
 * one text at a time. Plain JDBC: the V8 migration uses it too, before the application is up.
 */
public final class StoredRecords {

    /**
     * The content hash PostgreSQL computes from {@code content c} in the layout before V10 (each text in full in
     * {@code c.text}), the same function as {@link HashChain#contentHash} (the database is UTF-8, so
     * {@code convert_to} yields the bytes Java encodes).
     */
    public static final String CONTENT_SHA256 = "encode(sha256(convert_to(c.text, 'UTF8')), 'hex')";

    /** The SHA-256 of the texts an article holds under some sha1s, by sha1; a sha1 it does not hold is absent. */
    @FunctionalInterface
    public interface TextHashes {
        Map<String, String> of(Connection connection, String articleKey, Set<String> sha1s) throws SQLException;
    }

    /** The layout before V10, where {@code content} held each text in full: hashed where it is, by PostgreSQL. */
    public static final TextHashes IN_CONTENT_TABLE = (connection, articleKey, sha1s) -> {
        Map<String, String> hashes = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT c.sha1, " + CONTENT_SHA256
                + " FROM content c WHERE c.article_key = ? AND c.sha1 = ANY (?)")) {
            query.setString(1, articleKey);
            query.setArray(2, connection.createArrayOf("bpchar", sha1s.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    hashes.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return hashes;
    };

    /**
     * The texts as packs (V10 on): unpacked through {@code packs}, one at a time, and hashed; a text that cannot be
     * unpacked (its pack, or one it is primed from, altered) is absent, as a missing one is.
     */
    public static TextHashes inPacks(TextPacks packs) {
        return (connection, articleKey, sha1s) -> {
            Map<String, String> hashes = new HashMap<>();
            packs.forEach(connection, articleKey, sha1s, true,
                    (sha1, utf8) -> hashes.put(sha1, HashChain.contentHash(utf8)));
            // a text an erasure recorded in the archive (and in the transparency log) erased: gone by design
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT c.sha1 FROM content c JOIN redaction d ON d.redaction_id = c.erased_by"
                            + " AND d.article_key = c.article_key AND d.outcome = 'ERASED'"
                            + " WHERE c.article_key = ? AND c.sha1 = ANY (?) AND c.pack_id IS NULL")) {
                query.setString(1, articleKey);
                query.setArray(2, connection.createArrayOf("bpchar", sha1s.toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        hashes.put(rows.getString(1), ERASED);
                    }
                }
            }
            return hashes;
        };
    }

    /** What {@link #inPacks} gives for a text an erasure erased (ADR 0042): its SHA-256 is then the record's. */
    public static final String ERASED = "erased";

    private static final String REVISIONS = """
            SELECT r.rev_seq, r.submission_id, r.idempotency_key, r.page_title, r.rev_timestamp, r.rev_id,
                   r.rev_parent_id, r.performer_id, r.performer_text, r.comment, r.text_hidden, r.comment_hidden,
                   r.performer_hidden, r.rev_sha1, r.rev_len, r.text_sha256, r.archived_at, r.source_database,
                   r.source_page_id, r.source_page_namespace, r.source_minor_edit, r.source_content_model,
                   r.source_content_format, r.source_sha1_base36, r.source_import_id, r.prev_record_hash,
                   r.record_hash
            FROM revision r
            WHERE r.article_key = ? AND r.rev_seq > ?
            ORDER BY r.rev_seq
            LIMIT ?""";

    private static final String SLOTS = """
            SELECT s.rev_seq, s.role, s.model, s.format, s.sha1, s.sha256, s.len, s.text_hidden
            FROM revision_slot s
            WHERE s.article_key = ? AND s.rev_seq BETWEEN ? AND ?""";

    private StoredRecords() {
    }

    /**
     * One revision row as stored.
     *
     * @param record            the row's fields, with the content hashes and the previous hash the row states
     * @param recordHash        the record hash the row states
     * @param recomputedTexts   the SHA-256 of the texts as stored now: {@code main} for the main text, the role for
     *                          other slots; a hidden text (or a text the row names but the database lacks) is absent
     */
    public record StoredRecord(ChainedRecord record, String recordHash, Map<String, String> recomputedTexts) {
    }

    /**
     * Up to {@code limit} revisions of the article after {@code afterRevSeq}, in rev_seq order, their texts hashed
     * by {@code hashes}.
     */
    public static List<StoredRecord> page(Connection connection, String articleKey, int afterRevSeq, int limit,
                                          TextHashes hashes) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(REVISIONS)) {
            query.setString(1, articleKey);
            query.setInt(2, afterRevSeq);
            query.setInt(3, limit);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(row(articleKey, result));
                }
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Integer, List<ChainedRecord.Slot>> slots = new HashMap<>();
        Set<String> sha1s = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(SLOTS)) {
            query.setString(1, articleKey);
            query.setInt(2, rows.get(0).revSeq);
            query.setInt(3, rows.get(rows.size() - 1).revSeq);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    int revSeq = result.getInt("rev_seq");
                    ChainedRecord.Slot slot = new ChainedRecord.Slot(result.getString("role"),
                            result.getString("model"), result.getString("format"), result.getString("sha1"),
                            hex(result, "sha256"), result.getLong("len"), result.getBoolean("text_hidden"));
                    slots.computeIfAbsent(revSeq, seq -> new ArrayList<>()).add(slot);
                    if (slot.sha1() != null) {
                        sha1s.add(slot.sha1());
                    }
                }
            }
        }
        rows.stream().filter(row -> row.revSha1 != null).forEach(row -> sha1s.add(row.revSha1));
        Map<String, String> recomputed = hashes.of(connection, articleKey, sha1s);
        List<StoredRecord> page = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Map<String, String> texts = new HashMap<>();
            // a hidden text is absent, as is a text the row names but the store lacks
            if (row.revSha1 != null && recomputed.containsKey(row.revSha1)) {
                texts.put(MAIN, recomputed.get(row.revSha1));
            }
            for (ChainedRecord.Slot slot : slots.getOrDefault(row.revSeq, List.of())) {
                if (slot.sha1() != null && recomputed.containsKey(slot.sha1())) {
                    texts.put(slot.role(), recomputed.get(slot.sha1()));
                }
            }
            page.add(new StoredRecord(row.withSlots(slots.getOrDefault(row.revSeq, List.of())), row.recordHash,
                    texts));
        }
        return page;
    }

    /** The key of the main text in {@link StoredRecord#recomputedTexts()}; no other slot has this role. */
    public static final String MAIN = "main";

    private static Row row(String articleKey, ResultSet result) throws SQLException {
        Row row = new Row();
        row.articleKey = articleKey;
        row.revSeq = result.getInt("rev_seq");
        row.submissionId = result.getObject("submission_id", UUID.class);
        row.idempotencyKey = result.getString("idempotency_key");
        row.pageTitle = result.getString("page_title");
        row.revTimestamp = result.getObject("rev_timestamp", OffsetDateTime.class);
        row.revId = nullableLong(result, "rev_id");
        row.revParentId = nullableLong(result, "rev_parent_id");
        row.performerId = nullableLong(result, "performer_id");
        row.performerText = result.getString("performer_text");
        row.comment = result.getString("comment");
        row.textHidden = result.getBoolean("text_hidden");
        row.commentHidden = result.getBoolean("comment_hidden");
        row.performerHidden = result.getBoolean("performer_hidden");
        row.revSha1 = result.getString("rev_sha1");
        row.revLen = result.getLong("rev_len");
        row.textSha256 = hex(result, "text_sha256");
        row.archivedAt = result.getObject("archived_at", OffsetDateTime.class);
        Integer namespace = result.getObject("source_page_namespace", Integer.class);
        row.source = new ChainedRecord.Source(result.getString("source_database"),
                nullableLong(result, "source_page_id"), namespace, result.getObject("source_minor_edit",
                Boolean.class), result.getString("source_content_model"), result.getString("source_content_format"),
                result.getString("source_sha1_base36"), result.getString("source_import_id"));
        row.prevRecordHash = hex(result, "prev_record_hash");
        row.recordHash = hex(result, "record_hash");
        return row;
    }

    /**
     * A hash column in hex, as the chain computes with it: stored as its bytes since V12 (ADR 0031), as hex text
     * before (when V8 reads and links the rows).
     */
    public static String hex(ResultSet result, String column) throws SQLException {
        Object value = result.getObject(column);
        return value == null ? null
                : value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value.toString().trim();
    }

    private static Long nullableLong(ResultSet result, String column) throws SQLException {
        return result.getObject(column, Long.class);
    }

    /** A revision row before its slots are attached. */
    private static final class Row {
        String articleKey;
        int revSeq;
        UUID submissionId;
        String idempotencyKey;
        String pageTitle;
        OffsetDateTime revTimestamp;
        Long revId;
        Long revParentId;
        Long performerId;
        String performerText;
        String comment;
        boolean textHidden;
        boolean commentHidden;
        boolean performerHidden;
        String revSha1;
        long revLen;
        String textSha256;
        OffsetDateTime archivedAt;
        ChainedRecord.Source source;
        String prevRecordHash;
        String recordHash;

        ChainedRecord withSlots(List<ChainedRecord.Slot> slots) {
            // a row the backfill has not linked yet has no previous hash; the backfill links it before hashing
            return new ChainedRecord(articleKey, revSeq, prevRecordHash == null ? "" : prevRecordHash,
                    submissionId, idempotencyKey, pageTitle, revTimestamp.toInstant(), revId, revParentId,
                    performerId, performerText, comment, textHidden, commentHidden, performerHidden, revSha1, revLen,
                    textSha256, archivedAt.toInstant(), source, slots);
        }
    }
}
