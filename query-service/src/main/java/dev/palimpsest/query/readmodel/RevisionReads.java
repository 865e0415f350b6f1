package dev.palimpsest.query.readmodel;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The read paths that serve one revision with its text (as-of, revision by number): each ONE prepared statement,
 * straight through the datasource, returning the revision's row, where its text lies and the bytes of the pack
 * that holds it ({@link TextPlace}). The text is then unpacked from {@link TextPacks}' cache, or from those bytes,
 * without another query; a base text neither cache holds is the only other read. ADR 0032 says why this is plain
 * JDBC and not a Panache query.
 *
 * <p>Guarantees: the same revision as {@link Revision#asOf} and {@link Revision#of} (the same order, the same
 * transaction-time filter); the revision returned is detached (not managed) and its {@link Revision#text()} is the
 * text its sha1 names. Statements read the live generation (ADR 0024): names are unqualified.
 */
// found through the container by RevisionParameters, not injected: without @Unremovable the build drops the bean
@Unremovable
@ApplicationScoped
public class RevisionReads {

    /** The revision's columns (as {@link Revision} maps them) and its text's place, for a revision aliased r. */
    private static final String ROW_AND_TEXT = "SELECT r.article_key, r.rev_seq, r.page_title, r.rev_timestamp,"
            + " r.archived_at, r.rev_id, r.rev_parent_id, r.performer_user_text, r.performer_user_id, r.comment,"
            + " r.rev_sha1, r.rev_len, r.text_hidden, r.comment_hidden, r.performer_hidden, r.source,"
            + " r.submission_id, r.redacted_at, r.redacted_by, r.redaction_reason,"
            + " t.pack_id, t.position, p.base_sha1, p.bytes, p.key_epoch FROM (%s) r"
            // no text to join for a text hidden or redacted; the cast lets the join walk text's primary key
            + " LEFT JOIN text t ON t.article_key = r.article_key AND t.sha1 = r.rev_sha1::char(40)"
            + " AND NOT r.text_hidden AND r.redacted_at IS NULL"
            + " LEFT JOIN text_pack p ON p.pack_id = t.pack_id";

    /** Walks index revision_in_edit_order backwards from the instant: one index probe. */
    private static final String AS_OF = String.format(ROW_AND_TEXT, "SELECT * FROM revision"
            + " WHERE article_key = ? AND rev_timestamp <= ?"
            + " ORDER BY rev_timestamp DESC, coalesce(rev_id, 0) DESC, rev_seq DESC LIMIT 1");

    private static final String AS_OF_KNOWN_AT = String.format(ROW_AND_TEXT, "SELECT * FROM revision"
            + " WHERE article_key = ? AND rev_timestamp <= ? AND archived_at <= ?"
            + " ORDER BY rev_timestamp DESC, coalesce(rev_id, 0) DESC, rev_seq DESC LIMIT 1");

    private static final String NUMBERED = String.format(ROW_AND_TEXT, "SELECT * FROM revision"
            + " WHERE article_key = ? AND rev_seq = ?");

    private final AgroalDataSource dataSource;

    public RevisionReads(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The bean, for callers that are not beans themselves (as {@link Revision#text()} finds {@link TextPacks}). */
    public static RevisionReads instance() {
        return Arc.container().instance(RevisionReads.class).get();
    }

    /**
     * What the article said at {@code time}, as {@link Revision#asOf(String, Instant, Instant)}: among the
     * revisions archived by {@code knownAt} (null: all), the latest edited at or before {@code time}.
     */
    public Optional<Revision> asOf(String articleKey, Instant time, Instant knownAt) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(knownAt == null ? AS_OF : AS_OF_KNOWN_AT)) {
            statement.setString(1, articleKey);
            statement.setObject(2, utc(time));
            if (knownAt != null) {
                statement.setObject(3, utc(knownAt));
            }
            return one(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the revision of " + articleKey + " at " + time, e);
        }
    }

    /** Revision {@code revSeq} of the article, as {@link Revision#of}. */
    public Optional<Revision> numbered(String articleKey, int revSeq) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(NUMBERED)) {
            statement.setString(1, articleKey);
            statement.setInt(2, revSeq);
            return one(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("reading revision " + revSeq + " of " + articleKey, e);
        }
    }

    /** The article's revisions after an instant in edit order (all when null), oldest first, for a cursor. */
    private static final String IN_EDIT_ORDER_AFTER = String.format(ROW_AND_TEXT, "SELECT * FROM revision"
            + " WHERE article_key = ? AND (rev_timestamp, coalesce(rev_id, 0), rev_seq) > (?, ?, ?)")
            + " ORDER BY r.rev_timestamp,"
            + " coalesce(r.rev_id, 0), r.rev_seq";
    private static final int STREAMED_ROWS = 64;

    /**
     * Each of the article's revisions after {@code after} in edit order (the whole history when null), oldest first,
     * streamed through a cursor on {@code connection}, in its transaction (auto-commit off): a history of any
     * length is read in bounded memory, on the connection the caller already holds. A revision's text is read
     * when {@link Revision#text()} asks for it (none for a text hidden, redacted or erased).
     */
    public void inEditOrder(Connection connection, String articleKey, EditPosition after, Consumer<Revision> each) {
        EditPosition from = after != null ? after : EditPosition.BEFORE_ALL;
        try {
            if (connection.getAutoCommit()) {
                throw new IllegalArgumentException("a cursor needs a transaction: auto-commit is on");
            }
            try (PreparedStatement statement = connection.prepareStatement(IN_EDIT_ORDER_AFTER)) {
                statement.setFetchSize(STREAMED_ROWS);
                statement.setString(1, articleKey);
                statement.setObject(2, utc(from.revTimestamp()));
                statement.setLong(3, from.tieBreak());
                statement.setInt(4, from.revSeq());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        each.accept(revision(rows));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the revisions of " + articleKey + " in edit order", e);
        }
    }

    private static Optional<Revision> one(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(revision(rows)) : Optional.empty();
        }
    }

    private static Revision revision(ResultSet rows) throws SQLException {
        Revision revision = new Revision();
        revision.articleKey = rows.getString(1);
        revision.revSeq = rows.getInt(2);
        revision.pageTitle = rows.getString(3);
        revision.revTimestamp = instant(rows, 4);
        revision.archivedAt = instant(rows, 5);
        revision.revId = rows.getObject(6, Long.class);
        revision.revParentId = rows.getObject(7, Long.class);
        revision.performerUserText = rows.getString(8);
        revision.performerUserId = rows.getObject(9, Long.class);
        revision.comment = rows.getString(10);
        revision.revSha1 = rows.getString(11);
        revision.revLen = rows.getLong(12);
        revision.textHidden = rows.getBoolean(13);
        revision.commentHidden = rows.getBoolean(14);
        revision.performerHidden = rows.getBoolean(15);
        revision.sourceJson = rows.getString(16);
        revision.submissionId = rows.getObject(17, UUID.class);
        revision.redactedAt = instant(rows, 18);
        revision.redactedBy = rows.getString(19);
        revision.redactionReason = rows.getString(20);
        UUID packId = rows.getObject(21, UUID.class);
        if (packId != null) {
            revision.placeText(new TextPlace(trimmed(revision.revSha1), packId, rows.getInt(22),
                    trimmed(rows.getString(23)), rows.getBytes(24), rows.getObject(25, Integer.class)));
        }
        return revision;
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String trimmed(String sha1) {
        return sha1 == null ? null : sha1.trim();
    }
}
