package dev.palimpsest.archive.history;

import dev.palimpsest.archive.transparency.LeafPosition;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.Provenance;
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
import java.util.LinkedHashSet;
import java.util.List;
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

    /** The transparency log this record is a leaf of (ADR 0040); null when archived before the log existed. */
    @Column(name = "log_id", updatable = false)
    public Short logId;

    /** Its leaf's index in that log. */
    @Column(name = "leaf_index", updatable = false)
    public Long leafIndex;

    /**
     * The salts of its leaf's commitments to its comment and performer, and to its text when the text's salt is not
     * sealed with the text ({@code LeafSalts}: 32 or 48 bytes, ADR 0042): what lets a reader who is given the text
     * recompute the leaf. Null when archived before the log existed.
     */
    @Column(name = "leaf_salts", updatable = false, columnDefinition = "bytea")
    public byte[] leafSalts;

    /** Its leaf's commitment to its text; null when the text was hidden at the source, or before the log existed. */
    @Column(name = "leaf_text_commitment", updatable = false, columnDefinition = "bytea")
    public byte[] leafTextCommitment;

    /** Where the record's leaf is in the transparency log; null when it is no leaf (archived before the log). */
    public LeafPosition leafPosition() {
        return logId == null ? null : new LeafPosition(logId, leafIndex);
    }

    /** Records where the revision's leaf is in the transparency log. */
    public void placeIn(LeafPosition position) {
        logId = position.logId();
        leafIndex = position.leafIndex();
    }

    /** What the revision says of itself, as its answers carry it. */
    public Provenance provenance() {
        Performer performer = performerId == null && performerText == null
                ? null : new Performer(performerId, performerText);
        return new Provenance(pageTitle, revTimestamp, revId, revParentId, performer, comment);
    }

    /** The revisions of the article whose text is that of revision {@code revSeq} (it included), in order. */
    public static java.util.List<Integer> seqsWithTextOf(String articleKey, int revSeq) {
        return getEntityManager().createQuery("SELECT r.revSeq FROM RevisionRecord r WHERE r.articleKey = ?1"
                        + " AND r.revSha1 = (SELECT o.revSha1 FROM RevisionRecord o WHERE o.articleKey = ?1"
                        + " AND o.revSeq = ?2) ORDER BY r.revSeq", Integer.class)
                .setParameter(1, articleKey).setParameter(2, revSeq).getResultList();
    }

    public static Optional<RevisionRecord> find(String articleKey, int revSeq) {
        return find("articleKey = ?1 and revSeq = ?2", articleKey, revSeq).firstResultOptional();
    }

    /**
     * The sequence numbers of the revisions holding these keys, one lookup of the (article, key) index each (a
     * lateral subquery per pair, so no plan can turn it into a scan). "article in (…) and key in (…)" let PostgreSQL
     * scan the article's whole history by sequence number and filter the keys instead (a plan made while the table
     * was small, kept by the statement cache): 120 ms a batch of 200 once the Anarchism history was half imported.
     */
    public static Map<IdempotencyKey, Integer> seqsOfIdempotencyKeys(Collection<IdempotencyKey> keys) {
        Map<IdempotencyKey, Integer> seqs = new HashMap<>();
        if (keys.isEmpty()) {
            return seqs;
        }
        List<IdempotencyKey> distinct = List.copyOf(new LinkedHashSet<>(keys));
        List<?> rows = getEntityManager().createNativeQuery("""
                        SELECT k.article_key, k.idempotency_key, r.rev_seq
                        FROM unnest(?1, ?2) AS k (article_key, idempotency_key)
                        CROSS JOIN LATERAL (SELECT rev_seq FROM revision
                                            WHERE article_key = k.article_key AND idempotency_key = k.idempotency_key
                                            LIMIT 1) AS r""")
                .setParameter(1, distinct.stream().map(IdempotencyKey::articleKey).toArray(String[]::new))
                .setParameter(2, distinct.stream().map(IdempotencyKey::key).toArray(String[]::new))
                .getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            seqs.put(new IdempotencyKey((String) columns[0], (String) columns[1]), ((Number) columns[2]).intValue());
        }
        return seqs;
    }

    /** A revision's key: its article and sequence number. */
    public record Key(String articleKey, int revSeq) implements Serializable {
    }

}
