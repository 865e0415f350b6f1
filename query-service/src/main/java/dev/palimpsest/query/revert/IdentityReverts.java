package dev.palimpsest.query.revert;

import dev.palimpsest.query.readmodel.Revision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.query.NativeQuery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Identity reverts, derived from an article's history in edit order each time it is read (ADR 0005), never stored:
 * revisions arrive in any order (backfills, imports), and a mark made on arrival would be wrong as soon as an older
 * revision arrived later.
 *
 * <p>A revision R whose text is not hidden is an identity revert when E, the latest revision before R in edit order
 * with the same sha1, exists and is not R's immediate predecessor: at least one revision of any kind, hidden ones
 * included, lies strictly between them. R restores E and undoes those between. (Equal to the revision just before is
 * a null edit.) A hidden text has no sha1, so it equals nothing.
 *
 * <p>Each check is two index steps ({@code revision_by_text_in_edit_order} backwards from R for E, then
 * {@code revision_in_edit_order} forwards from E for anything before R), so deriving the marks of a 500-row history
 * page costs about as much as reading it, however long the history.
 */
@ApplicationScoped
public class IdentityReverts {

    private final EntityManager entityManager;

    public IdentityReverts(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * SQL to follow {@code FROM revision <target>}: joins {@code restored}, whose {@code rev_seq} is the revision the
     * target restores if it is an identity revert, and null otherwise. The one definition of a revert: every answer
     * that shows one is built on it.
     *
     * @param knownBy whether only revisions archived by the parameter {@code :knownAt} count, as the archive knew
     *                the history then; the caller binds it
     */
    public static String restoredRevision(String target, boolean knownBy) {
        return """
                LEFT JOIN LATERAL (
                    SELECT twin.rev_seq, twin.rev_timestamp, coalesce(twin.rev_id, 0) AS tie_break
                    FROM revision twin
                    WHERE twin.article_key = %1$s.article_key AND twin.rev_sha1 = %1$s.rev_sha1
                      AND %2$s < %3$s%4$s
                    ORDER BY %5$s
                    LIMIT 1) restored
                ON EXISTS (SELECT 1 FROM revision undone WHERE %6$s)
                """.formatted(target, Revision.editOrder("twin"), Revision.editOrder(target),
                knownBy ? " AND twin.archived_at <= :knownAt" : "", Revision.editOrderBy("twin", "desc"),
                undoneBy("undone", target, knownBy));
    }

    /** The revision {@code undone} lies strictly between {@code restored} and {@code target} in edit order. */
    private static String undoneBy(String undone, String target, boolean knownBy) {
        return undone + ".article_key = " + target + ".article_key"
                + " AND " + Revision.editOrder(undone) + " > (restored.rev_timestamp, restored.tie_break, restored.rev_seq)"
                + " AND " + Revision.editOrder(undone) + " < " + Revision.editOrder(target)
                + (knownBy ? " AND " + undone + ".archived_at <= :knownAt" : "");
    }

    /**
     * What revision {@code revSeq} reverts, in one query.
     *
     * @param knownAt if not null, only revisions archived by then count (the as-of answer of that moment)
     * @return empty if it is no identity revert, or no such revision exists
     */
    public Optional<Revert> of(String articleKey, int revSeq, Instant knownAt) {
        boolean knownBy = knownAt != null;
        NativeQuery<?> query = entityManager.createNativeQuery("SELECT restored.rev_seq AS restored_rev_seq,"
                        + " reverted.rev_seq AS reverted_rev_seq FROM revision r " + restoredRevision("r", knownBy)
                        + " JOIN revision reverted ON " + undoneBy("reverted", "r", knownBy)
                        + " WHERE r.article_key = :key AND r.rev_seq = :seq"
                        + " ORDER BY " + Revision.editOrderBy("reverted", "asc"))
                .unwrap(NativeQuery.class)
                .addScalar("restored_rev_seq", Integer.class)
                .addScalar("reverted_rev_seq", Integer.class)
                .setParameter("key", articleKey, String.class)
                .setParameter("seq", revSeq, Integer.class);
        if (knownBy) {
            query.setParameter("knownAt", knownAt, Instant.class);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = (List<Object[]>) query.getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Revert((Integer) rows.get(0)[0], rows.stream().map(row -> (Integer) row[1]).toList()));
    }
}
