package dev.palimpsest.query.readmodel;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
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
}
