package dev.palimpsest.query.memento;

import dev.palimpsest.query.readmodel.Revision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.query.NativeQuery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads an article's revisions as mementos, in edit order (edit time, source revision id, sequence number); as known
 * at a transaction time ({@code knownAt}, null for now), only the revisions archived by then.
 */
@ApplicationScoped
public class Mementos {

    /**
     * A memento's place in its TimeMap.
     *
     * @param previous {@code null} for the first memento
     * @param next     {@code null} for the last memento
     */
    public record Neighbours(Memento first, Memento previous, Memento next, Memento last) {
    }

    private static final String COLUMNS = "r.rev_seq, r.rev_timestamp, coalesce(r.rev_id, 0) AS tie_break";

    private final EntityManager entityManager;

    public Mementos(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * The first, previous, next and last mementos around {@code revision}: four index steps of
     * {@code revision_in_edit_order}, in one statement.
     */
    public Neighbours around(Revision revision, Instant knownAt) {
        String of = "FROM revision r WHERE r.article_key = :key" + known(knownAt);
        String sql = "(SELECT 0 AS neighbour, " + COLUMNS + " " + of
                + " ORDER BY " + Revision.editOrderBy("r", "asc") + " LIMIT 1)"
                + " UNION ALL (SELECT 1, " + COLUMNS + " " + of + " AND "
                + Revision.editOrder("r") + " < (:time, :tie, :seq)"
                + " ORDER BY " + Revision.editOrderBy("r", "desc") + " LIMIT 1)"
                + " UNION ALL (SELECT 2, " + COLUMNS + " " + of + " AND "
                + Revision.editOrder("r") + " > (:time, :tie, :seq)"
                + " ORDER BY " + Revision.editOrderBy("r", "asc") + " LIMIT 1)"
                + " UNION ALL (SELECT 3, " + COLUMNS + " " + of
                + " ORDER BY " + Revision.editOrderBy("r", "desc") + " LIMIT 1)";
        Memento[] found = new Memento[4];
        for (Object[] row : rows(query(sql, revision.articleKey, knownAt)
                .addScalar("neighbour", Integer.class)
                .setParameter("time", revision.revTimestamp, Instant.class)
                .setParameter("tie", Revision.tieBreak(revision.revId), Long.class)
                .setParameter("seq", revision.revSeq, Integer.class))) {
            found[(Integer) row[0]] = memento(row, 1);
        }
        return new Neighbours(found[0], found[1], found[2], found[3]);
    }

    /**
     * Up to {@code rows} mementos in edit order, starting just after {@code after} (or at the first).
     */
    public List<Memento> page(String articleKey, Memento after, int rows, Instant knownAt) {
        String sql = "SELECT " + COLUMNS + " FROM revision r WHERE r.article_key = :key" + known(knownAt)
                + (after == null ? "" : " AND " + Revision.editOrder("r") + " > (:time, :tie, :seq)")
                + " ORDER BY " + Revision.editOrderBy("r", "asc") + " LIMIT :rows";
        NativeQuery<?> query = query(sql, articleKey, knownAt).setParameter("rows", rows, Integer.class);
        if (after != null) {
            query.setParameter("time", after.revTimestamp(), Instant.class)
                    .setParameter("tie", after.tieBreak(), Long.class)
                    .setParameter("seq", after.revSeq(), Integer.class);
        }
        return rows(query).stream().map(row -> memento(row, 0)).toList();
    }

    /** The memento current at {@code time} (the latest at or before it), if the article has one by then. */
    public Optional<Memento> currentAt(String articleKey, Instant time, Instant knownAt) {
        return (knownAt == null ? Revision.asOf(articleKey, time) : Revision.asOf(articleKey, time, knownAt))
                .map(Mementos::of);
    }

    public static Memento of(Revision revision) {
        return new Memento(revision.revSeq, revision.revTimestamp, Revision.tieBreak(revision.revId));
    }

    private static String known(Instant knownAt) {
        return knownAt == null ? "" : " AND r.archived_at <= :knownAt";
    }

    private NativeQuery<?> query(String sql, String articleKey, Instant knownAt) {
        NativeQuery<?> query = entityManager.createNativeQuery(sql).unwrap(NativeQuery.class)
                .setParameter("key", articleKey, String.class);
        return knownAt == null ? query : query.setParameter("knownAt", knownAt, Instant.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(NativeQuery<?> query) {
        return (List<Object[]>) query.addScalar("rev_seq", Integer.class)
                .addScalar("rev_timestamp", Instant.class)
                .addScalar("tie_break", Long.class)
                .getResultList();
    }

    private static Memento memento(Object[] row, int offset) {
        return new Memento((Integer) row[offset], (Instant) row[offset + 1], (Long) row[offset + 2]);
    }
}
