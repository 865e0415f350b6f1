package dev.palimpsest.query.readmodel;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import io.quarkus.arc.Arc;
import org.hibernate.query.NativeQuery;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;

/**
 * One archived revision in the read model, as the archive numbered it. Rows are written only by
 * {@link ReadModelWriter} and never change afterwards: a revision is immutable.
 */
@Entity
@Table(name = "revision")
@IdClass(Revision.Key.class)
public class Revision extends PanacheEntityBase {

    /** The primary key: a revision is named by its article and its per-article sequence number. */
    public record Key(String articleKey, int revSeq) implements Serializable {
    }

    @Id
    @Column(name = "article_key")
    public String articleKey;

    @Id
    @Column(name = "rev_seq")
    public int revSeq;

    @Column(name = "page_title")
    public String pageTitle;

    @Column(name = "rev_timestamp")
    public Instant revTimestamp;

    @Column(name = "archived_at")
    public Instant archivedAt;

    @Column(name = "rev_id")
    public Long revId;

    @Column(name = "rev_parent_id")
    public Long revParentId;

    @Column(name = "performer_user_text")
    public String performerUserText;

    @Column(name = "performer_user_id")
    public Long performerUserId;

    public String comment;

    /** Read from the text packs on first use ({@link #text()}); not a column (ADR 0026). */
    @Transient
    private String text;

    /** Where {@link #text()} lies, when the revision was read with it ({@link RevisionReads}); else null. */
    @Transient
    private TextPlace textPlace;

    @Column(name = "rev_sha1")
    public String revSha1;

    @Column(name = "rev_len")
    public long revLen;

    /** Hidden at the source (MediaWiki revision deletion): {@link #text()} and {@code revSha1} are null then. */
    @Column(name = "text_hidden")
    public boolean textHidden;

    @Column(name = "comment_hidden")
    public boolean commentHidden;

    @Column(name = "performer_hidden")
    public boolean performerHidden;

    /** The MediaWiki source of an imported revision, as kept ({@link StoredSource}); null otherwise. */
    @Column(name = "source", columnDefinition = "jsonb")
    public String sourceJson;

    @Column(name = "submission_id")
    public UUID submissionId;

    /**
     * Where the revision is in the archive's transparency log, and what its leaf needs besides this row: the salts
     * of its commitments (text, comment, performer) and its text's commitment (ADR 0041). Null for revisions
     * archived before the log existed.
     */
    @Column(name = "log_id")
    public Short logId;

    @Column(name = "leaf_index")
    public Long leafIndex;

    @Column(name = "leaf_salts")
    public byte[] leafSalts;

    @Column(name = "leaf_text_commitment")
    public byte[] leafTextCommitment;

    /** The MediaWiki source of an imported revision ({@link StoredSource}); null otherwise. */
    public dev.palimpsest.events.MediaWikiSource source() {
        return StoredSource.read(sourceJson, articleKey, revSha1);
    }

    /**
     * When the revision was first redacted (ADR 0013), by whom and why; null while it is not. A redacted revision
     * has no {@link #text()} (nor its slots theirs) and keeps everything else.
     */
    @Column(name = "redacted_at")
    public Instant redactedAt;

    @Column(name = "redacted_by")
    public String redactedBy;

    @Column(name = "redaction_reason")
    public String redactionReason;

    /** The redaction that erased the revision's text for good (ADR 0042); null when it was not erased. */
    @Column(name = "erased_by")
    public java.util.UUID erasedBy;

    public boolean redacted() {
        return redactedAt != null;
    }

    /**
     * The revision's full text, exactly as submitted; null when it is hidden at the source or redacted. Read from
     * the article's text packs ({@link TextPacks}) the first time it is asked for.
     *
     * @throws IllegalStateException if the read model does not hold the text it names (it always should)
     */
    public String text() {
        if (text == null && !textHidden && !redacted()) {
            TextPacks packs = Arc.container().instance(TextPacks.class).get();
            text = textPlace != null ? packs.text(articleKey, textPlace)
                    : packs.text(articleKey, revSha1.trim()).orElseThrow(() -> new IllegalStateException(articleKey
                            + " #" + revSeq + " names text " + revSha1 + ", which the read model does not hold"));
        }
        return text;
    }

    /**
     * {@link #text()} as UTF-8, the bytes a {@code text/plain} answer sends: read from the packs without making a
     * string of it when the revision was read with its text's place ({@link RevisionReads}).
     */
    public byte[] textUtf8() {
        if (text == null && textPlace != null && !textHidden && !redacted()) {
            return Arc.container().instance(TextPacks.class).get().textUtf8(articleKey, textPlace);
        }
        String whole = text();
        return whole == null ? null : whole.getBytes(StandardCharsets.UTF_8);
    }

    /** Says where {@link #text()} lies, read with the revision: reading the text then needs no query of its own. */
    void placeText(TextPlace place) {
        this.textPlace = place;
    }

    public static Optional<Revision> of(String articleKey, int revSeq) {
        return find("articleKey = ?1 and revSeq = ?2", articleKey, revSeq).firstResultOptional();
    }

    /** Whether the archive had stored this revision by {@code knownAt} (transaction time); null means now. */
    public boolean knownAt(Instant knownAt) {
        return knownAt == null || !archivedAt.isAfter(knownAt);
    }

    /**
     * Revisions edited at the same instant are ordered by their source revision id (MediaWiki's order), those
     * without one before those with one, and by sequence number last.
     */
    public static final String TIE_BREAK = "coalesce(revId, 0)";

    /**
     * The same order in SQL, as a row value of the revision aliased {@code alias}: row comparisons with it walk the
     * index {@code revision_in_edit_order} (or {@code revision_by_text_in_edit_order} for one text).
     */
    public static String editOrder(String alias) {
        return "(" + alias + ".rev_timestamp, coalesce(" + alias + ".rev_id, 0), " + alias + ".rev_seq)";
    }

    /** {@link #editOrder}'s direction for ORDER BY: {@code asc} or {@code desc}. */
    public static String editOrderBy(String alias, String direction) {
        return alias + ".rev_timestamp " + direction + ", coalesce(" + alias + ".rev_id, 0) " + direction + ", "
                + alias + ".rev_seq " + direction;
    }

    /**
     * The revision just before {@code revision} in its article's edit order ({@link #editOrder}): its parent in a
     * history view; empty for the first. As known at {@code knownAt} (transaction time; null means now), among the
     * revisions archived by then: a revision backfilled later between the two is not the parent yet.
     */
    public static Optional<Revision> previousInEditOrder(Revision revision, Instant knownAt) {
        NativeQuery<Revision> query = getEntityManager().createNativeQuery("SELECT r.* FROM revision r"
                        + " WHERE r.article_key = :key AND " + editOrder("r") + " < (:time, :tie, :seq)"
                        + (knownAt == null ? "" : " AND r.archived_at <= :knownAt")
                        + " ORDER BY " + editOrderBy("r", "desc") + " LIMIT 1", Revision.class)
                .unwrap(NativeQuery.class);
        query.setParameter("key", revision.articleKey, String.class)
                .setParameter("time", revision.revTimestamp, Instant.class)
                .setParameter("tie", tieBreak(revision.revId), Long.class)
                .setParameter("seq", revision.revSeq, Integer.class);
        if (knownAt != null) {
            query.setParameter("knownAt", knownAt, Instant.class);
        }
        return query.getResultStream().findFirst();
    }

    /** {@link #editOrder} in Java, for revisions already read: no statement needed to put two in order. */
    public static final Comparator<Revision> EDIT_ORDER = Comparator.comparing((Revision r) -> r.revTimestamp)
            .thenComparingLong(r -> tieBreak(r.revId)).thenComparingInt(r -> r.revSeq);

    public static long tieBreak(Long revId) {
        return revId == null ? 0 : revId;
    }

    /**
     * What the article said at {@code time}: the latest revision with {@code revTimestamp <= time}, ties broken as
     * in {@link #TIE_BREAK} (as MediaWiki's {@code rvdir=older&rvstart=T&rvlimit=1}).
     */
    public static Optional<Revision> asOf(String articleKey, Instant time) {
        return find("articleKey = ?1 and revTimestamp <= ?2 order by revTimestamp desc, " + TIE_BREAK
                + " desc, revSeq desc", articleKey, time).firstResultOptional();
    }

    /**
     * What the archive would have answered, at {@code knownAt}, about {@code time}: the same rule over only the
     * revisions it had archived by then (transaction time). A backfill archived later changes {@link #asOf} but not
     * this answer for an earlier {@code knownAt}: the archive's past beliefs stay reproducible.
     */
    public static Optional<Revision> asOf(String articleKey, Instant time, Instant knownAt) {
        return find("articleKey = ?1 and revTimestamp <= ?2 and archivedAt <= ?3"
                        + " order by revTimestamp desc, " + TIE_BREAK + " desc, revSeq desc",
                articleKey, time, knownAt).firstResultOptional();
    }
}
