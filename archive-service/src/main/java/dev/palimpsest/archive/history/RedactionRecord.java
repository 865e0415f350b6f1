package dev.palimpsest.archive.history;

import dev.palimpsest.archive.transparency.LeafPosition;
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

/**
 * One redaction request and what the archive made of it (ADR 0013). Only ever inserted: the revision it names is
 * left as it was, so the redaction is a fact beside the history, not an edit of it.
 */
@Entity
@Table(name = "redaction")
public class RedactionRecord extends PanacheEntityBase {

    /** Hidden; hidden and erased (ADR 0042); or refused. */
    public enum Outcome { REDACTED, ERASED, REJECTED }

    /** The request's event id. */
    @Id
    @Column(name = "redaction_id")
    public UUID redactionId;

    @Column(name = "article_key", nullable = false, updatable = false)
    public String articleKey;

    @Column(name = "rev_seq", nullable = false, updatable = false)
    public int revSeq;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", nullable = false, updatable = false)
    public Outcome outcome;

    @Column(name = "reason", nullable = false, updatable = false)
    public String reason;

    @Column(name = "performer_id", updatable = false)
    public Long performerId;

    @Column(name = "performer_text", updatable = false)
    public String performerText;

    @Column(name = "requested_at", nullable = false, updatable = false)
    public Instant requestedAt;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    public Instant recordedAt;

    @Column(name = "rejection", updatable = false)
    public String rejection;

    /** For an erasure, the article's key epoch it moved to (every earlier key destroyed); null otherwise. */
    @Column(name = "key_epoch", updatable = false)
    public Integer keyEpoch;

    /** The transparency log this record is a leaf of (ADR 0040); null when archived before the log existed. */
    @Column(name = "log_id", updatable = false)
    public Short logId;

    /** Its leaf's index in that log. */
    @Column(name = "leaf_index", updatable = false)
    public Long leafIndex;

    /** The records of any of these requests, by request id. */
    static Map<UUID, RedactionRecord> ofRequests(Collection<UUID> requestIds) {
        Map<UUID, RedactionRecord> records = new HashMap<>();
        if (!requestIds.isEmpty()) {
            RedactionRecord.<RedactionRecord>list("redactionId in ?1", requestIds)
                    .forEach(record -> records.put(record.redactionId, record));
        }
        return records;
    }

    public static long redactedCountFor(String articleKey) {
        return count("articleKey = ?1 and outcome in ?2", articleKey, java.util.List.of(Outcome.REDACTED,
                Outcome.ERASED));
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
