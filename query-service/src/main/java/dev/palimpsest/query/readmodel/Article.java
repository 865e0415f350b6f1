package dev.palimpsest.query.readmodel;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.query.NativeQuery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One article of the read model with what summaries need, maintained by {@link ReadModelWriter} in the same
 * transaction as the revision that changed it, so it always agrees with the revision rows.
 */
@Entity
@Table(name = "article")
public class Article extends PanacheEntityBase {

    @Id
    @Column(name = "article_key")
    public String articleKey;

    /** The title of the latest revision by (rev_timestamp, rev_seq). */
    public String title;

    @Column(name = "revision_count")
    public int revisionCount;

    @Column(name = "first_rev_timestamp")
    public Instant firstRevTimestamp;

    @Column(name = "last_rev_timestamp")
    public Instant lastRevTimestamp;

    @Column(name = "latest_rev_seq")
    public int latestRevSeq;

    public static Optional<Article> withKey(String articleKey) {
        return findByIdOptional(articleKey);
    }

    /**
     * The article as the archive knew it at {@code knownAt} (transaction time): derived from its revisions archived
     * by then, the same way {@link ReadModelWriter} keeps this row up to date from all of them (count, first and
     * last edit times, latest revision in edit order, and the title of the latest revision that has one). Empty if
     * none was archived by then. The answer is a detached copy, never written back; null {@code knownAt} is now.
     */
    public static Optional<Article> withKey(String articleKey, Instant knownAt) {
        if (knownAt == null) {
            return withKey(articleKey);
        }
        NativeQuery<?> query = getEntityManager().createNativeQuery(knownAt("article_key = :key")).unwrap(NativeQuery.class);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = (List<Object[]>) scalars(query)
                .setParameter("knownAt", knownAt, Instant.class)
                .setParameter("key", articleKey, String.class)
                .getResultList();
        return rows.stream().findFirst().map(Article::detached);
    }

    /**
     * SQL of the article table as it was at the parameter {@code :knownAt}: the same columns
     * ({@code article_key, title, revision_count, first_rev_timestamp, last_rev_timestamp, latest_rev_seq}, key and
     * title in the "C" collation as in the table, V8), one row per article with a revision archived by then. It
     * reads every such revision (there is no summary row per transaction time), so a listing with it costs a scan;
     * {@code filter}, a condition on the column {@code article_key} of table {@code revision} (e.g.
     * {@code article_key = :key}), or null for all articles, keeps it to the articles that need reading.
     */
    public static String knownAt(String filter) {
        String known = "r.article_key = k.article_key AND r.archived_at <= :knownAt";
        return "SELECT k.article_key COLLATE \"C\" AS article_key, t.page_title COLLATE \"C\" AS title,"
                + " k.revision_count, k.first_rev_timestamp, k.last_rev_timestamp, l.rev_seq AS latest_rev_seq"
                + " FROM (SELECT article_key, count(*)::integer AS revision_count,"
                + " min(rev_timestamp) AS first_rev_timestamp, max(rev_timestamp) AS last_rev_timestamp"
                + " FROM revision WHERE archived_at <= :knownAt" + (filter == null ? "" : " AND " + filter)
                + " GROUP BY article_key) k"
                + " CROSS JOIN LATERAL (SELECT r.rev_seq FROM revision r WHERE " + known
                + " ORDER BY " + Revision.editOrderBy("r", "desc") + " LIMIT 1) l"
                + " LEFT JOIN LATERAL (SELECT r.page_title FROM revision r WHERE " + known
                + " AND r.page_title IS NOT NULL ORDER BY " + Revision.editOrderBy("r", "desc") + " LIMIT 1) t ON true";
    }

    /** Declares the columns of {@link #knownAt}'s rows, in order, for {@link #detached}. */
    public static NativeQuery<?> scalars(NativeQuery<?> query) {
        return query.addScalar("article_key", String.class)
                .addScalar("title", String.class)
                .addScalar("revision_count", Integer.class)
                .addScalar("first_rev_timestamp", Instant.class)
                .addScalar("last_rev_timestamp", Instant.class)
                .addScalar("latest_rev_seq", Integer.class);
    }

    /** An article from a row of {@link #scalars}' columns, not attached to any session. */
    public static Article detached(Object[] row) {
        Article article = new Article();
        article.articleKey = (String) row[0];
        article.title = (String) row[1];
        article.revisionCount = (Integer) row[2];
        article.firstRevTimestamp = (Instant) row[3];
        article.lastRevTimestamp = (Instant) row[4];
        article.latestRevSeq = (Integer) row[5];
        return article;
    }
}
