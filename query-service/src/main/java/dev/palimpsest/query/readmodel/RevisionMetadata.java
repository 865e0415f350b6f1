package dev.palimpsest.query.readmodel;

import java.time.Instant;

/**
 * A {@link Revision} without its text, and with what it reverts: what history listings load, so a page of 500
 * revisions never reads 500 texts.
 *
 * @param restoredRevSeq the revision this one restores exactly (an identity revert, derived when read), or null
 * @param redactedAt     when its text was redacted (ADR 0013), with by whom and why; null when it was not
 */
public record RevisionMetadata(
        int revSeq,
        String pageTitle,
        Instant revTimestamp,
        Instant archivedAt,
        Long revId,
        Long revParentId,
        String performerUserText,
        Long performerUserId,
        String comment,
        String revSha1,
        long revLen,
        boolean textHidden,
        boolean commentHidden,
        boolean performerHidden,
        Integer restoredRevSeq,
        Instant redactedAt,
        String redactedBy,
        String redactionReason) {
}
