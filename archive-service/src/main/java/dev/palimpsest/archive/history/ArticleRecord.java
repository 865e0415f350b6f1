package dev.palimpsest.archive.history;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;

/**
 * An article the archive holds: its current title, how many revisions it has (the last sequence number) and the head
 * of its hash chain.
 */
@Entity
@Table(name = "article")
public class ArticleRecord extends PanacheEntityBase {

    @Id
    @Column(name = "article_key")
    public String articleKey;

    @Column(name = "current_title", nullable = false)
    public String currentTitle;

    @Column(name = "revision_count", nullable = false)
    public int revisionCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /**
     * The record hash of the last revision (ADR 0010), in hex here and as its 32 bytes in the table (ADR 0031); null
     * while the article has none.
     */
    @ColumnTransformer(read = "encode(chain_head, 'hex')", write = "decode(?, 'hex')")
    @Column(name = "chain_head", columnDefinition = "bytea")
    public String chainHead;
}
