package dev.palimpsest.ingest.redaction;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An administrator's request to redact a revision's text.
 *
 * @param reason why; public, shown with the revision's metadata (so it should not repeat what it hides)
 * @param erase  true to erase the text for good rather than hide it (ADR 0042); absent means false
 */
@Schema(name = "RedactRevisionRequest")
public record RedactRevisionRequest(
        @Schema(required = true, maxLength = RedactionRequests.MAX_REASON_CHARS,
                description = "Why the text is hidden; public, shown with the revision's metadata",
                examples = "personal data (a phone number)") String reason,
        @Schema(description = "Erase the text for good instead of hiding it: every copy the archive, the read model"
                + " and both topics hold becomes unreadable (the keys that sealed them are destroyed), and so does"
                + " every revision of the article with the same text. The transparency log keeps the revision's"
                + " leaf, which then verifies as erased. Cannot be undone. Default false",
                defaultValue = "false") Boolean erase) {

    /** A redaction that hides. */
    public RedactRevisionRequest(String reason) {
        this(reason, null);
    }
}
