package dev.palimpsest.query.readmodel;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * A {@link Revision} without its text: what history listings load, so a page of 500 revisions never reads
 * 500 texts. Built by a Panache projection, which matches these names to {@link Revision}'s fields.
 */
@RegisterForReflection
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
        Integer restoredRevSeq,
        boolean textHidden,
        boolean commentHidden,
        boolean performerHidden) {
}
