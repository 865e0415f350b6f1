package dev.palimpsest.query.revision;

import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.redaction.RedactionMark;
import dev.palimpsest.query.revert.Revert;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.palimpsest.events.MediaWikiSource;
import dev.palimpsest.events.kafka.EventJson;

import java.time.Instant;
import java.util.List;

/**
 * One revision with its text, the JSON answer of {@code /revisions/{n}} and {@code /as-of}.
 *
 * @param revSeq       the archive's per-article sequence number
 * @param title        the page title this revision had
 * @param revTimestamp when the edit was made (valid time)
 * @param archivedAt   when the archive stored it (transaction time)
 * @param revId        the revision id at the source, if any
 * @param revParentId  the source's id of the revision this one was edited from, if any
 * @param revSha1      lowercase hex SHA-1 of the UTF-8 bytes of {@code text}
 * @param revLen       length of {@code text} in UTF-8 bytes
 * @param text         the full text, exactly as submitted; absent when hidden at the source or redacted
 * @param revert       set when this revision restores an earlier one exactly, undoing those between them in edit
 *                     order (derived from the history as it is now, or as known at {@code knownAt})
 */
@Schema(name = "Revision")
public record RevisionView(
        @Schema(examples = "enwiki:12345") String articleKey,
        @Schema(examples = "3") int revSeq,
        @Schema(examples = "Anarchism") String title,
        @Schema(examples = "2019-01-01T00:00:00Z") Instant revTimestamp,
        @Schema(examples = "2026-11-25T12:00:00.123456Z") Instant archivedAt,
        @Schema(examples = "875000001") Long revId,
        @Schema(examples = "874999999") Long revParentId,
        Author author,
        @Schema(examples = "copyedit") String comment,
        @Schema(examples = "0a4d55a8d778e5022fab701977c5d840bbc486d0") String revSha1,
        @Schema(examples = "5120") long revLen,
        String text,
        Revert revert,
        @Schema(description = "Parts hidden at the source (text, comment, author): absent, not empty",
                examples = "[\"text\"]") List<String> hidden,
        @Schema(description = "Where an imported revision came from: MediaWiki database, page id, namespace, minor"
                + " flag, content model and format, the dump's own sha1, the import") MediaWikiSource source,
        @Schema(description = "Set when an administrator redacted the revision's text (then absent here, and its"
                + " text reads answer 410): when, by whom, why") RedactionMark redacted) {

    public static RevisionView of(Revision revision, Revert revert) {
        return new RevisionView(revision.articleKey, revision.revSeq, revision.pageTitle, revision.revTimestamp,
                revision.archivedAt, revision.revId, revision.revParentId,
                Author.of(revision.performerUserText, revision.performerUserId), revision.comment,
                revision.revSha1, revision.revLen, revision.text(), revert,
                HiddenParts.of(revision.textHidden, revision.commentHidden, revision.performerHidden),
                revision.source(), RedactionMark.of(revision));
    }
}
