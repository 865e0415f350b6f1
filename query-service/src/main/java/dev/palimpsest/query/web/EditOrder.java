package dev.palimpsest.query.web;

import dev.palimpsest.query.readmodel.Revision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.query.NativeQuery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An article's revisions in edit order ({@link Revision#editOrder}) as the pages walk them: a revision's place, the
 * revision at a place, its neighbours, and how many edits fell in each stretch of time. Every statement walks the
 * edit-order index of one article.
 */
@ApplicationScoped
class EditOrder {

    private final EntityManager entityManager;

    EditOrder(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** How many revisions of its article come before {@code revision} in edit order: its place, from 0. */
    int placeOf(Revision revision) {
        Number before = (Number) around(revision, "SELECT count(*) FROM revision r WHERE r.article_key = :key AND "
                + Revision.editOrder("r") + " < (:time, :tie, :seq)").getSingleResult();
        return before.intValue();
    }

    /** The number of the revision at {@code place} (from 0) in the article's edit order, if there is one. */
    Optional<Integer> revSeqAt(String articleKey, int place) {
        List<?> found = entityManager.createNativeQuery("SELECT r.rev_seq FROM revision r WHERE r.article_key = :key"
                        + " ORDER BY " + Revision.editOrderBy("r", "asc") + " OFFSET :place LIMIT 1")
                .setParameter("key", articleKey).setParameter("place", place).getResultList();
        return found.stream().findFirst().map(seq -> ((Number) seq).intValue());
    }

    /** The number of the revision right after {@code revision} in edit order; empty for the latest. */
    Optional<Integer> nextAfter(Revision revision) {
        return neighbour(revision, ">", "asc");
    }

    /** The number of the revision right before {@code revision} in edit order; empty for the first. */
    Optional<Integer> previousOf(Revision revision) {
        return neighbour(revision, "<", "desc");
    }

    private Optional<Integer> neighbour(Revision revision, String beyond, String direction) {
        List<?> found = around(revision, "SELECT r.rev_seq FROM revision r WHERE r.article_key = :key AND "
                + Revision.editOrder("r") + " " + beyond + " (:time, :tie, :seq) ORDER BY "
                + Revision.editOrderBy("r", direction) + " LIMIT 1").getResultList();
        return found.stream().findFirst().map(seq -> ((Number) seq).intValue());
    }

    private NativeQuery<?> around(Revision revision, String sql) {
        return entityManager.createNativeQuery(sql).unwrap(NativeQuery.class)
                .setParameter("key", revision.articleKey, String.class)
                .setParameter("time", revision.revTimestamp, Instant.class)
                .setParameter("tie", Revision.tieBreak(revision.revId), Long.class)
                .setParameter("seq", revision.revSeq, Integer.class);
    }

    /**
     * How many edits fell in each of {@code buckets} equal stretches of [{@code first}, {@code last}] (the last
     * stretch includes {@code last}): the timeline's bars of edit activity.
     */
    int[] editsPerStretch(String articleKey, Instant first, Instant last, int buckets) {
        int[] counts = new int[buckets];
        double from = first.getEpochSecond() + first.getNano() / 1e9;
        double to = last.getEpochSecond() + last.getNano() / 1e9;
        if (to <= from) {
            counts[buckets - 1] = ((Number) entityManager.createNativeQuery(
                    "SELECT count(*) FROM revision WHERE article_key = :key").setParameter("key", articleKey)
                    .getSingleResult()).intValue();
            return counts;
        }
        // width_bucket puts the upper bound itself in bucket buckets + 1: least() keeps it in the last one
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT least(width_bucket(extract(epoch FROM"
                        + " rev_timestamp), :from, :to, :buckets), :buckets) AS bucket, count(*) FROM revision"
                        + " WHERE article_key = :key GROUP BY bucket")
                .setParameter("key", articleKey).setParameter("from", from).setParameter("to", to)
                .setParameter("buckets", buckets).getResultList();
        for (Object[] row : rows) {
            int bucket = ((Number) row[0]).intValue();
            counts[Math.max(1, Math.min(buckets, bucket)) - 1] += ((Number) row[1]).intValue();
        }
        return counts;
    }
}
