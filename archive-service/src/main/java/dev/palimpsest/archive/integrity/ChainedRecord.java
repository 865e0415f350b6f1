package dev.palimpsest.archive.integrity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything a revision's record hash covers: the row as the archive stored it (all but its surrogate id and its own
 * hash), the SHA-256 of its texts, and the previous record's hash in the same article. See {@link RecordEncoding} for
 * the bytes and ADR 0010 for why these fields.
 *
 * @param textSha256     lowercase hex SHA-256 of the UTF-8 bytes of the main text; null when hidden
 * @param prevRecordHash the record hash of {@code revSeq - 1} in the same article, {@link HashChain#GENESIS} for 1
 * @param slots          the revision's other content slots, any order (the encoding sorts them)
 */
public record ChainedRecord(
        String articleKey,
        int revSeq,
        String prevRecordHash,
        UUID submissionId,
        String idempotencyKey,
        String pageTitle,
        Instant revTimestamp,
        Long revId,
        Long revParentId,
        Long performerId,
        String performerText,
        String comment,
        boolean textHidden,
        boolean commentHidden,
        boolean performerHidden,
        String revSha1,
        long revLen,
        String textSha256,
        Instant archivedAt,
        Source source,
        List<Slot> slots) {

    public ChainedRecord {
        Objects.requireNonNull(articleKey, "articleKey");
        Objects.requireNonNull(prevRecordHash, "prevRecordHash");
        Objects.requireNonNull(source, "source");
        slots = List.copyOf(slots);
    }

    /** The same record linked to another predecessor (the backfill links rows as it goes). */
    public ChainedRecord linkedTo(String prev) {
        return new ChainedRecord(articleKey, revSeq, prev, submissionId, idempotencyKey, pageTitle, revTimestamp, revId,
                revParentId, performerId, performerText, comment, textHidden, commentHidden, performerHidden, revSha1,
                revLen, textSha256, archivedAt, source, slots);
    }

    /** The MediaWiki source columns of the row; all null for revisions submitted one by one. */
    public record Source(String database, Long pageId, Integer pageNamespace, Boolean minorEdit, String contentModel,
                         String contentFormat, String sha1Base36, String importId) {

        public static final Source NONE = new Source(null, null, null, null, null, null, null, null);
    }

    /**
     * A content slot other than main.
     *
     * @param sha256 lowercase hex SHA-256 of the UTF-8 bytes of the slot's text; null when hidden
     */
    public record Slot(String role, String model, String format, String sha1, String sha256, long len,
                       boolean textHidden) {

        public Slot {
            Objects.requireNonNull(role, "role");
        }
    }
}
