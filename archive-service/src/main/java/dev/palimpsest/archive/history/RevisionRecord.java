package dev.palimpsest.archive.history;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One stored revision, keyed by its article and sequence number (no surrogate id: nothing looks a revision up by
 * one, and an identity column would keep Hibernate from batching the inserts). Rows are only ever inserted: the
 * archive never rewrites the past.
 */
@Entity
@Table(name = "revision")
@IdClass(RevisionRecord.Key.class)
public class RevisionRecord extends PanacheEntityBase {

    @Id
    @Column(name = "article_key", nullable = false, updatable = false)
    public String articleKey;

    @Id
    @Column(name = "rev_seq", nullable = false, updatable = false)
    public int revSeq;

    @Column(name = "submission_id", nullable = false, updatable = false)
    public UUID submissionId;

    @Column(name = "idempotency_key", nullable = false, updatable = false)
    public String idempotencyKey;

    @Column(name = "page_title", nullable = false, updatable = false)
    public String pageTitle;

    @Column(name = "rev_timestamp", nullable = false, updatable = false)
    public Instant revTimestamp;

    @Column(name = "rev_id", updatable = false)
    public Long revId;

    @Column(name = "rev_parent_id", updatable = false)
    public Long revParentId;

    @Column(name = "performer_id", updatable = false)
    public Long performerId;

    @Column(name = "performer_text", updatable = false)
    public String performerText;

    @Column(name = "comment", updatable = false)
    public String comment;

    /** Names the text in the article's {@link ContentStore}; null when the text is hidden. */
    @Column(name = "rev_sha1", updatable = false, columnDefinition = "char(40)")
    public String revSha1;

    @Column(name = "text_hidden", nullable = false, updatable = false)
    public boolean textHidden;

    @Column(name = "comment_hidden", nullable = false, updatable = false)
    public boolean commentHidden;

    @Column(name = "performer_hidden", nullable = false, updatable = false)
    public boolean performerHidden;

    @Column(name = "rev_len", nullable = false, updatable = false)
    public long revLen;

    @Column(name = "archived_at", nullable = false, updatable = false)
    public Instant archivedAt;

    /** SHA-256 of the main text (what the hash chain names it by, ADR 0010); null when the text is hidden. */
    @ColumnTransformer(read = "encode(text_sha256, 'hex')", write = "decode(?, 'hex')")
    @Column(name = "text_sha256", updatable = false, columnDefinition = "bytea")
    public String textSha256;

    /** The record hash of the article's previous revision (rev_seq − 1), or the chain's genesis constant. */
    @ColumnTransformer(read = "encode(prev_record_hash, 'hex')", write = "decode(?, 'hex')")
    @Column(name = "prev_record_hash", nullable = false, updatable = false, columnDefinition = "bytea")
    public String prevRecordHash;

    /** SHA-256 of this record's canonical encoding, which covers {@link #prevRecordHash}. */
    @ColumnTransformer(read = "encode(record_hash, 'hex')", write = "decode(?, 'hex')")
    @Column(name = "record_hash", nullable = false, updatable = false, columnDefinition = "bytea")
    public String recordHash;

    @jakarta.persistence.Embedded
    public SourceColumns source;

    public static Optional<RevisionRecord> find(String articleKey, int revSeq) {
        return find("articleKey = ?1 and revSeq = ?2", articleKey, revSeq).firstResultOptional();
    }

    /** The sequence numbers of the revisions holding any of these keys in any of these articles. */
    public static Map<IdempotencyKey, Integer> seqsOfIdempotencyKeys(Collection<String> articleKeys,
                                                                     Collection<String> idempotencyKeys) {
        Map<IdempotencyKey, Integer> seqs = new HashMap<>();
        find("articleKey in ?1 and idempotencyKey in ?2", articleKeys, idempotencyKeys)
                .project(KeyAndSeq.class).list()
                .forEach(held -> seqs.put(new IdempotencyKey(held.articleKey(), held.idempotencyKey()),
                        held.revSeq()));
        return seqs;
    }

    /** A revision's key: its article and sequence number. */
    public record Key(String articleKey, int revSeq) implements Serializable {
    }

    /** Projection: a revision's idempotency key and sequence number. */
    public record KeyAndSeq(String articleKey, String idempotencyKey, int revSeq) {
    }
}
