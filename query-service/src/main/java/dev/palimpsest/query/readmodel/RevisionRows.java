package dev.palimpsest.query.readmodel;

import dev.palimpsest.events.ContentSlot;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.Visibility;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The multi-row statements of {@link ReadModelWriter}'s flush (ADR 0033): a batch's revision rows, slots, article
 * summaries and submissions, each kind in one statement ({@code INSERT … SELECT FROM unnest(arrays)}, one round trip
 * whatever the batch's size), every insert {@code ON CONFLICT DO NOTHING} and saying which rows it really inserted
 * ({@code RETURNING}), so that a redelivered event changes nothing and counts nothing.
 */
final class RevisionRows {

    private static final String INSERT_REVISIONS = """
            INSERT INTO revision (article_key, rev_seq, page_title, rev_timestamp, archived_at, rev_id, rev_parent_id,
                                  performer_user_text, performer_user_id, comment, rev_sha1, rev_len,
                                  submission_id, text_hidden, comment_hidden, performer_hidden, source, log_id,
                                  leaf_index, leaf_salts, leaf_text_commitment)
            SELECT k, s, t, ts::timestamptz, aa::timestamptz, ri, rp, ut, ui, c, sha, len, sub::uuid, th, ch, ph,
                   src::jsonb, lg, li, decode(ls, 'hex'), decode(lt, 'hex')
            FROM unnest(?::text[], ?::int4[], ?::text[], ?::text[], ?::text[], ?::int8[], ?::int8[], ?::text[],
                        ?::int8[], ?::text[], ?::text[], ?::int8[], ?::text[], ?::bool[], ?::bool[], ?::bool[],
                        ?::text[], ?::int2[], ?::int8[], ?::text[], ?::text[])
                 AS u(k, s, t, ts, aa, ri, rp, ut, ui, c, sha, len, sub, th, ch, ph, src, lg, li, ls, lt)
            ON CONFLICT (article_key, rev_seq) DO NOTHING
            RETURNING article_key, rev_seq
            """;

    private static final String INSERT_SLOT = """
            INSERT INTO revision_slot (article_key, rev_seq, role, model, format, text, sha1, len, text_hidden)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (article_key, rev_seq, role) DO NOTHING
            """;

    // Locked, so the summaries computed from them cannot race another writer of the same article.
    private static final String LOCK_ARTICLES = """
            SELECT article_key, title, revision_count, first_rev_timestamp, last_rev_timestamp, latest_rev_seq,
                   latest_rev_tie_break
            FROM article WHERE article_key = ANY(?::text[]) FOR UPDATE
            """;

    private static final String WRITE_ARTICLES = """
            INSERT INTO article AS a (article_key, title, revision_count, first_rev_timestamp, last_rev_timestamp,
                                      latest_rev_seq, latest_rev_tie_break)
            SELECT k, t, n, f::timestamptz, l::timestamptz, s, tb
            FROM unnest(?::text[], ?::text[], ?::int4[], ?::text[], ?::text[], ?::int4[], ?::int8[])
                 AS u(k, t, n, f, l, s, tb)
            ON CONFLICT (article_key) DO UPDATE SET title = EXCLUDED.title, revision_count = EXCLUDED.revision_count,
                first_rev_timestamp = EXCLUDED.first_rev_timestamp, last_rev_timestamp = EXCLUDED.last_rev_timestamp,
                latest_rev_seq = EXCLUDED.latest_rev_seq, latest_rev_tie_break = EXCLUDED.latest_rev_tie_break
            """;

    private static final String RECORD_SUBMISSIONS = """
            INSERT INTO submission (submission_id, article_key, rev_seq)
            SELECT id::uuid, k, s FROM unnest(?::text[], ?::text[], ?::int4[]) AS u(id, k, s)
            ON CONFLICT (submission_id) DO NOTHING
            RETURNING submission_id
            """;

    private static final String REDACTED_AMONG = """
            SELECT DISTINCT article_key, rev_seq FROM redaction
            WHERE outcome = 'REDACTED'
              AND (article_key, rev_seq) IN (SELECT * FROM unnest(?::text[], ?::int4[]))
            """;

    private RevisionRows() {
    }

    /**
     * Inserts the revision rows; a row whose (article, sequence number) is stored already, or came earlier in the
     * list, is not.
     *
     * @return the batch indexes of the rows inserted
     */
    static Set<Integer> insert(Connection connection, List<PendingWrites.RevisionRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return Set.of();
        }
        Set<PendingWrites.RevisionKey> inserted = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_REVISIONS)) {
            int parameter = 1;
            column(insert, parameter++, rows, row -> row.event().articleKey());
            column(insert, parameter++, rows, row -> row.event().revSeq());
            column(insert, parameter++, rows, row -> row.event().provenance().pageTitle());
            column(insert, parameter++, rows, row -> text(row.event().provenance().revTimestamp()));
            column(insert, parameter++, rows, row -> text(row.event().archivedAt()));
            column(insert, parameter++, rows, row -> row.event().provenance().revId());
            column(insert, parameter++, rows, row -> row.event().provenance().revParentId());
            column(insert, parameter++, rows, row -> row.event().provenance().performer() == null ? null
                    : row.event().provenance().performer().userText());
            column(insert, parameter++, rows, row -> row.event().provenance().performer() == null ? null
                    : row.event().provenance().performer().userId());
            column(insert, parameter++, rows, row -> row.event().provenance().comment());
            column(insert, parameter++, rows, PendingWrites.RevisionRow::revSha1);
            column(insert, parameter++, rows, row -> row.event().mainText().length());
            column(insert, parameter++, rows, row -> row.event().submissionId().toString());
            column(insert, parameter++, rows,
                    row -> Visibility.textHidden(row.event().visibility()));
            column(insert, parameter++, rows,
                    row -> row.event().visibility() != null && row.event().visibility().commentHidden());
            column(insert, parameter++, rows,
                    row -> row.event().visibility() != null && row.event().visibility().performerHidden());
            column(insert, parameter++, rows, PendingWrites.RevisionRow::source);
            // where the revision is in the transparency log, and what its leaf needs besides the row
            column(insert, parameter++, rows, row -> row.event().leaf() == null ? null : row.event().leaf().log());
            column(insert, parameter++, rows, row -> row.event().leaf() == null ? null : row.event().leaf().index());
            column(insert, parameter++, rows, row -> row.event().leaf() == null ? null
                    : hex(row.event().leaf().salts()));
            column(insert, parameter, rows, row -> row.event().leaf() == null ? null
                    : hex(row.event().leaf().textCommitment()));
            try (ResultSet keys = insert.executeQuery()) {
                while (keys.next()) {
                    inserted.add(new PendingWrites.RevisionKey(keys.getString(1), keys.getInt(2)));
                }
            }
        }
        // the first row of each key inserted is the one the statement inserted (unnest keeps the order)
        Set<Integer> indexes = new HashSet<>();
        for (PendingWrites.RevisionRow row : rows) {
            if (inserted.remove(new PendingWrites.RevisionKey(row.event().articleKey(), row.event().revSeq()))) {
                indexes.add(row.index());
            }
        }
        return indexes;
    }

    private static final String PLACE_HELD_IN_LOG = """
            UPDATE revision r SET log_id = u.lg, leaf_index = u.li, leaf_salts = decode(u.ls, 'hex'),
                                  leaf_text_commitment = decode(u.lt, 'hex')
            FROM unnest(?::text[], ?::int4[], ?::int2[], ?::int8[], ?::text[], ?::text[]) AS u(k, s, lg, li, ls, lt)
            WHERE r.article_key = u.k AND r.rev_seq = u.s AND r.log_id IS NULL
            """;

    /**
     * Gives a revision held already, without a place in the transparency log, the place its answer names: the
     * answer of a revision archived before the log, published again once the archive made it a leaf (ADR 0041).
     */
    static void placeHeldInLog(Connection connection, List<PendingWrites.RevisionRow> rows, Set<Integer> inserted)
            throws SQLException {
        List<PendingWrites.RevisionRow> held = rows.stream()
                .filter(row -> !inserted.contains(row.index()) && row.event().leaf() != null).toList();
        if (held.isEmpty()) {
            return;
        }
        try (PreparedStatement place = connection.prepareStatement(PLACE_HELD_IN_LOG)) {
            column(place, 1, held, row -> row.event().articleKey());
            column(place, 2, held, row -> row.event().revSeq());
            column(place, 3, held, row -> row.event().leaf().log());
            column(place, 4, held, row -> row.event().leaf().index());
            column(place, 5, held, row -> hex(row.event().leaf().salts()));
            column(place, 6, held, row -> hex(row.event().leaf().textCommitment()));
            place.executeUpdate();
        }
    }

    /** Inserts the other slots of the revisions inserted. */
    static void insertSlots(Connection connection, List<PendingWrites.RevisionRow> rows, Set<Integer> inserted)
            throws SQLException {
        if (rows.stream().noneMatch(row -> !row.slots().isEmpty() && inserted.contains(row.index()))) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_SLOT)) {
            for (PendingWrites.RevisionRow row : rows) {
                if (!inserted.contains(row.index())) {
                    continue;
                }
                for (ContentSlot slot : row.slots()) {
                    insert.setString(1, row.event().articleKey());
                    insert.setInt(2, row.event().revSeq());
                    insert.setString(3, slot.role());
                    insert.setString(4, slot.model());
                    insert.setString(5, slot.format());
                    insert.setString(6, slot.text());
                    insert.setString(7, slot.sha1() == null ? null : slot.sha1().toLowerCase(Locale.ROOT));
                    insert.setLong(8, slot.len());
                    insert.setBoolean(9, slot.textHidden());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /**
     * Counts the revisions inserted in their articles' summaries, as one revision at a time would, in batch
     * order: the count and the first and last edit times move; a revision later in history order (edit time,
     * source revision id, sequence number) than the article's latest becomes the latest and gives it its title,
     * unless it has none. Backfilled older revisions leave the title.
     */
    static void countInArticles(Connection connection, List<PendingWrites.RevisionRow> rows, Set<Integer> inserted)
            throws SQLException {
        List<RevisionArchived> counted = rows.stream().filter(row -> inserted.contains(row.index()))
                .map(PendingWrites.RevisionRow::event).toList();
        if (counted.isEmpty()) {
            return;
        }
        Set<String> keys = new LinkedHashSet<>();
        counted.forEach(event -> keys.add(event.articleKey()));
        Map<String, Summary> summaries = new LinkedHashMap<>();
        try (PreparedStatement lock = connection.prepareStatement(LOCK_ARTICLES)) {
            ArrayLiterals.set(lock, 1, keys.toArray());
            try (ResultSet stored = lock.executeQuery()) {
                while (stored.next()) {
                    summaries.put(stored.getString(1), new Summary(stored.getString(2), stored.getInt(3),
                            instant(stored, 4), instant(stored, 5), stored.getInt(6), stored.getLong(7)));
                }
            }
        }
        for (RevisionArchived event : counted) {
            Instant at = micros(event.provenance().revTimestamp());
            long tieBreak = Revision.tieBreak(event.provenance().revId());
            Summary before = summaries.get(event.articleKey());
            summaries.put(event.articleKey(), before == null
                    ? new Summary(event.provenance().pageTitle(), 1, at, at, event.revSeq(), tieBreak)
                    : before.with(event.provenance().pageTitle(), at, event.revSeq(), tieBreak));
        }
        List<Map.Entry<String, Summary>> written = List.copyOf(summaries.entrySet());
        try (PreparedStatement write = connection.prepareStatement(WRITE_ARTICLES)) {
            column(write, 1, written, Map.Entry::getKey);
            column(write, 2, written, entry -> entry.getValue().title());
            column(write, 3, written, entry -> entry.getValue().count());
            column(write, 4, written, entry -> text(entry.getValue().first()));
            column(write, 5, written, entry -> text(entry.getValue().last()));
            column(write, 6, written, entry -> entry.getValue().latestRevSeq());
            column(write, 7, written, entry -> entry.getValue().latestTieBreak());
            write.executeUpdate();
        }
    }

    /** An article's summary row. */
    private record Summary(String title, int count, Instant first, Instant last, int latestRevSeq,
                           long latestTieBreak) {

        private static final Comparator<Summary> HISTORY_ORDER = Comparator.comparing(Summary::last)
                .thenComparingLong(Summary::latestTieBreak).thenComparingInt(Summary::latestRevSeq);

        /** The summary after one more revision, as the one-row upsert of a single revision computed it. */
        Summary with(String pageTitle, Instant at, int revSeq, long tieBreak) {
            Summary candidate = new Summary(pageTitle, count, at, at, revSeq, tieBreak);
            boolean latest = HISTORY_ORDER.compare(candidate, this) > 0;
            return new Summary(latest ? Objects.requireNonNullElse(pageTitle, title) : title, count + 1,
                    at.isBefore(first) ? at : first, at.isAfter(last) ? at : last,
                    latest ? revSeq : latestRevSeq, latest ? tieBreak : latestTieBreak);
        }
    }

    /**
     * Records the archive's answers to submissions; one recorded already, or earlier in the list, is not.
     *
     * @return the batch indexes of the rows recorded
     */
    static Set<Integer> recordSubmissions(Connection connection, List<PendingWrites.SubmissionRow> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return Set.of();
        }
        Set<UUID> recorded = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement(RECORD_SUBMISSIONS)) {
            column(insert, 1, rows, row -> row.submissionId().toString());
            column(insert, 2, rows, PendingWrites.SubmissionRow::articleKey);
            column(insert, 3, rows, PendingWrites.SubmissionRow::revSeq);
            try (ResultSet ids = insert.executeQuery()) {
                while (ids.next()) {
                    recorded.add(ids.getObject(1, UUID.class));
                }
            }
        }
        Set<Integer> indexes = new HashSet<>();
        for (PendingWrites.SubmissionRow row : rows) {
            if (recorded.remove(row.submissionId())) {
                indexes.add(row.index());
            }
        }
        return indexes;
    }

    /** The revisions among {@code rows} that a redaction names. */
    static List<PendingWrites.RevisionKey> redactedAmong(Connection connection, List<PendingWrites.RevisionRow> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<PendingWrites.RevisionKey> redacted = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(REDACTED_AMONG)) {
            column(select, 1, rows, row -> row.event().articleKey());
            column(select, 2, rows, row -> row.event().revSeq());
            try (ResultSet found = select.executeQuery()) {
                while (found.next()) {
                    redacted.add(new PendingWrites.RevisionKey(found.getString(1), found.getInt(2)));
                }
            }
        }
        return redacted;
    }

    /** Sets parameter {@code index} of {@code statement} to the array of {@code column}'s value in each row. */
    private static <T> void column(PreparedStatement statement, int index, List<T> rows, Function<T, Object> column)
            throws SQLException {
        Object[] values = new Object[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i));
        }
        ArrayLiterals.set(statement, index, values);
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** As PostgreSQL keeps a timestamp: to the microsecond, rounded to the nearest. */
    private static Instant micros(Instant instant) {
        return instant.plusNanos(500).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
