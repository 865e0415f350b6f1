package dev.palimpsest.archive.history;

import dev.palimpsest.archive.transparency.LeafPosition;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A submission the archive answered as a duplicate of a revision it already held (by event id), kept so a
 * redelivered event is answered identically. A submission that became a revision needs no row here: its revision
 * row names it ({@code revision.submission_id}, unique), which is its answer (ADR 0031).
 */
@Entity
@Table(name = "submission")
public class SubmissionRecord extends PanacheEntityBase {

    @Id
    @Column(name = "submission_id")
    public UUID submissionId;

    @Column(name = "article_key", nullable = false, updatable = false)
    public String articleKey;

    /** The revision the submission duplicates. */
    @Column(name = "rev_seq", nullable = false, updatable = false)
    public int revSeq;

    @Column(name = "received_at", nullable = false, updatable = false)
    public Instant receivedAt;

    /** The transparency log this record is a leaf of (ADR 0040); null when archived before the log existed. */
    @Column(name = "log_id", updatable = false)
    public Short logId;

    /** Its leaf's index in that log. */
    @Column(name = "leaf_index", updatable = false)
    public Long leafIndex;

    /**
     * The archive's answer to one submission: the revision it became ({@code archived}), or the one it duplicates,
     * with when the duplicate was received and where it is in the transparency log.
     */
    public record Answer(UUID submissionId, String articleKey, int revSeq, boolean archived, Instant receivedAt,
                         LeafPosition leaf) {

        /** A submission that became revision {@code revSeq}. */
        static Answer archived(UUID submissionId, String articleKey, int revSeq) {
            return new Answer(submissionId, articleKey, revSeq, true, null, null);
        }

        /** A duplicate's answer, as its row says. */
        static Answer of(SubmissionRecord duplicate) {
            return new Answer(duplicate.submissionId, duplicate.articleKey, duplicate.revSeq, false,
                    duplicate.receivedAt, duplicate.leafPosition());
        }
    }

    /** The answers given before to any of these submissions, by submission id: from the revisions, then here. */
    public static Map<UUID, Answer> answersTo(Collection<UUID> submissionIds) {
        Map<UUID, Answer> answers = new HashMap<>();
        RevisionRecord.find("submissionId in ?1", submissionIds).project(Archived.class).list()
                .forEach(archived -> answers.put(archived.submissionId(),
                        Answer.archived(archived.submissionId(), archived.articleKey(), archived.revSeq())));
        SubmissionRecord.<SubmissionRecord>list("submissionId in ?1", submissionIds)
                .forEach(duplicate -> answers.put(duplicate.submissionId, Answer.of(duplicate)));
        return answers;
    }

    /** Submissions of the article answered as duplicates. */
    public static long duplicatesOf(String articleKey) {
        return count("articleKey", articleKey);
    }

    /** Projection: the revision a submission became. */
    public record Archived(UUID submissionId, String articleKey, int revSeq) {
    }

    /** Where the record's leaf is in the transparency log; null when it is no leaf (archived before the log). */
    public LeafPosition leafPosition() {
        return logId == null ? null : new LeafPosition(logId, leafIndex);
    }

    /** Records where the record's leaf is in the transparency log. */
    public void placeIn(LeafPosition position) {
        logId = position.logId();
        leafIndex = position.leafIndex();
    }
}
