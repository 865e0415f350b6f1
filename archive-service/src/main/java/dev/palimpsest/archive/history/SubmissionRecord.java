package dev.palimpsest.archive.history;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The archive's answer to one submission (by event id), kept so a redelivered event is answered identically. */
@Entity
@Table(name = "submission")
public class SubmissionRecord extends PanacheEntityBase {

    public enum Outcome { ARCHIVED, DEDUPLICATED }

    @Id
    @Column(name = "submission_id")
    public UUID submissionId;

    @Column(name = "article_key", nullable = false, updatable = false)
    public String articleKey;

    @Column(name = "rev_seq", nullable = false, updatable = false)
    public int revSeq;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", nullable = false, updatable = false)
    public Outcome outcome;

    @Column(name = "received_at", nullable = false, updatable = false)
    public Instant receivedAt;

    /** The answers given before to any of these submissions, by submission id. */
    public static Map<UUID, SubmissionRecord> answersTo(Collection<UUID> submissionIds) {
        Map<UUID, SubmissionRecord> answers = new HashMap<>();
        SubmissionRecord.<SubmissionRecord>list("submissionId in ?1", submissionIds)
                .forEach(answer -> answers.put(answer.submissionId, answer));
        return answers;
    }

    public static long countFor(String articleKey) {
        return count("articleKey", articleKey);
    }
}
