package dev.palimpsest.query.readmodel;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Optional;
import java.util.UUID;

/**
 * The archive's answer to one submission: the revision it became ({@code RevisionArchived}) or already was
 * ({@code SubmissionDeduplicated}). Present only once that answer has been read.
 */
@Entity
@Table(name = "submission")
public class SubmissionAnswer extends PanacheEntityBase {

    @Id
    @Column(name = "submission_id")
    public UUID submissionId;

    @Column(name = "article_key")
    public String articleKey;

    @Column(name = "rev_seq")
    public int revSeq;

    public static Optional<SubmissionAnswer> forSubmission(UUID submissionId) {
        return findByIdOptional(submissionId);
    }
}
