package dev.palimpsest.query.history;

import dev.palimpsest.query.readmodel.RevisionMetadata;
import dev.palimpsest.query.revision.Author;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** One line of an article's history: a revision's metadata, without its text. */
@Schema(name = "RevisionSummary")
public record RevisionSummary(
        @Schema(examples = "3") int revSeq,
        @Schema(examples = "2019-01-01T00:00:00Z") Instant revTimestamp,
        @Schema(examples = "2026-11-25T12:00:00.123456Z") Instant archivedAt,
        @Schema(examples = "875000001") Long revId,
        @Schema(examples = "874999999") Long revParentId,
        Author author,
        @Schema(examples = "copyedit") String comment,
        @Schema(examples = "0a4d55a8d778e5022fab701977c5d840bbc486d0") String revSha1,
        @Schema(examples = "5120") long revLen,
        @Schema(examples = "Anarchism") String title,
        @Schema(description = "Set when this revision restores an earlier one exactly (an identity revert):"
                + " the number of the latest earlier revision in edit order with the same text, when that is not"
                + " the revision just before", examples = "2") Integer revertOf,
        @Schema(description = "Parts hidden at the source (text, comment, author)", examples = "[\"text\"]")
        java.util.List<String> hidden,
        @Schema(description = "Set when an administrator redacted the revision's text: its reads answer 410")
        dev.palimpsest.query.redaction.RedactionMark redacted) {

    static RevisionSummary of(RevisionMetadata revision) {
        return new RevisionSummary(revision.revSeq(), revision.revTimestamp(), revision.archivedAt(),
                revision.revId(), revision.revParentId(),
                Author.of(revision.performerUserText(), revision.performerUserId()), revision.comment(),
                revision.revSha1(), revision.revLen(), revision.pageTitle(), revision.restoredRevSeq(),
                dev.palimpsest.query.revision.HiddenParts.of(revision.textHidden(), revision.commentHidden(),
                        revision.performerHidden()),
                dev.palimpsest.query.redaction.RedactionMark.of(revision.redactedAt(), revision.redactedBy(),
                        revision.redactionReason()));
    }
}
