package dev.palimpsest.query.redaction;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What became of one redaction request: the answer of {@code GET /articles/{key}/redactions/{id}}.
 *
 * @param outcome     {@code redacted}: the revision's text is gone from every read; {@code rejected}: nothing was
 *                    hidden, {@code detail} says why
 * @param revision    the revision's own path (its metadata stays readable)
 * @param requestedAt when the administrator asked; absent for a rejection
 * @param redactedAt  when the archive recorded the redaction; absent for a rejection
 * @param erased      for a redaction that erased the text for good (ADR 0042): every revision that had the text,
 *                    all erased by it; absent for one that hides it, and for a rejection
 */
@Schema(name = "RedactionStatus")
public record RedactionStatus(
        @Schema(examples = "6f1c2b7e-4c1d-4f9e-9a3b-2d8e5f7a9c01") UUID id,
        @Schema(examples = "enwiki:12345") String articleKey,
        @Schema(examples = "3") int revSeq,
        @Schema(type = SchemaType.STRING, enumeration = {"redacted", "rejected"}, examples = "redacted")
        String outcome,
        @Schema(examples = "personal data (a phone number)") String reason,
        @Schema(examples = "admin") String by,
        @Schema(examples = "2026-11-26T07:00:00.123456Z") Instant requestedAt,
        @Schema(examples = "2026-11-26T07:00:00.234567Z") Instant redactedAt,
        @Schema(examples = "article 'enwiki:12345' has no revision 9; its revisions are 1 to 3") String detail,
        @Schema(examples = "/articles/enwiki:12345/revisions/3") String revision,
        @Schema(description = "Present when the redaction erased the text for good (ADR 0042): every revision that"
                + " had the text, all erased by it", examples = "[3, 5]") List<Integer> erased) {

    /** @param erased the revisions the redaction erased, empty when it only hides */
    static RedactionStatus of(Redaction redaction, String revisionPath, List<Integer> erased) {
        boolean redacted = "REDACTED".equals(redaction.outcome);
        return new RedactionStatus(redaction.redactionId, redaction.articleKey, redaction.revSeq,
                redacted ? "redacted" : "rejected", redacted ? redaction.reason : null,
                redacted ? redaction.performerUserText : null, redacted ? redaction.requestedAt : null,
                redaction.redactedAt, redaction.rejection, redacted ? revisionPath : null,
                redacted && !erased.isEmpty() ? erased : null);
    }
}
