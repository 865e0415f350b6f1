package dev.palimpsest.query.redaction;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The archive's answer to one redaction request ({@code RevisionRedacted} or {@code RedactionRejected}), as the
 * read model stored it. Present only once that answer has been read.
 */
@Entity
@Table(name = "redaction")
public class Redaction extends PanacheEntityBase {

    @Id
    @Column(name = "redaction_id")
    public UUID redactionId;

    @Column(name = "article_key")
    public String articleKey;

    @Column(name = "rev_seq")
    public int revSeq;

    /** {@code REDACTED} or {@code REJECTED}. */
    public String outcome;

    public String reason;

    @Column(name = "performer_user_text")
    public String performerUserText;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "redacted_at")
    public Instant redactedAt;

    public String rejection;

    public static Optional<Redaction> forRequest(UUID requestId) {
        return findByIdOptional(requestId);
    }
}
