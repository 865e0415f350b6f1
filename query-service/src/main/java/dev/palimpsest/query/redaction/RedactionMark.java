package dev.palimpsest.query.redaction;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.readmodel.Revision;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * How a redacted revision is marked where its metadata is shown (ADR 0013): when its text was first redacted, by
 * whom and why. The reason is public, as MediaWiki's deletion log is: administrators write it knowing that.
 *
 * @param at     when the archive recorded the redaction
 * @param by     the administrator who asked, when known
 * @param reason why
 */
@Schema(name = "RedactionMark")
public record RedactionMark(
        @Schema(examples = "2026-11-26T07:00:00.123456Z") Instant at,
        @Schema(examples = "admin") String by,
        @Schema(examples = "personal data (a phone number)") String reason) {

    /** Null for a revision that is not redacted. */
    public static RedactionMark of(Revision revision) {
        return of(revision.redactedAt, revision.redactedBy, revision.redactionReason);
    }

    public static RedactionMark of(Instant at, String by, String reason) {
        return at == null ? null : new RedactionMark(at, by, reason);
    }

    /**
     * The 410 answer of every read of a redacted revision's text: the same type wherever it is read (revision text,
     * as-of, slots, diffs), naming when it was redacted and why.
     *
     * @param more what the reader can still do, in words
     */
    public static ProblemException gone(Revision revision, String more) {
        return new ProblemException(QueryProblem.REVISION_REDACTED, "the text of revision " + revision.revSeq
                + " of '" + revision.articleKey + "' was redacted at " + revision.redactedAt + " (reason, public: "
                + revision.redactionReason + "); " + more);
    }
}
