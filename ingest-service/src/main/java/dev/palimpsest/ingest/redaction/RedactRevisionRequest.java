package dev.palimpsest.ingest.redaction;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An administrator's request to redact a revision's text.
 *
 * @param reason why; public, shown with the revision's metadata (so it should not repeat what it hides)
 */
@Schema(name = "RedactRevisionRequest")
public record RedactRevisionRequest(
        @Schema(required = true, maxLength = RedactionRequests.MAX_REASON_CHARS,
                description = "Why the text is hidden; public, shown with the revision's metadata",
                examples = "personal data (a phone number)") String reason) {
}
