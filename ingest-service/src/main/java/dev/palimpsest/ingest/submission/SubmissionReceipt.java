package dev.palimpsest.ingest.submission;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.net.URI;
import java.util.UUID;

/**
 * The answer to an accepted submission: the revision is in the log and will be archived.
 *
 * @param eventId        the id of the {@code RevisionSubmitted} event; the archive's answer names it
 * @param idempotencyKey what the archive deduplicates this revision by
 * @param status         where to follow the submission: redirects to the archived revision once it is readable
 */
@Schema(name = "SubmissionReceipt")
public record SubmissionReceipt(
        @Schema(examples = "1416cdfd-2e10-47ed-8ade-35531c8d60c1") UUID eventId,
        @Schema(examples = "jasic-workers-solidarity-group") String articleKey,
        @Schema(examples = "content:69d40c6cf96baa7d281a559473dd9aa7a9d13932") String idempotencyKey,
        @Schema(examples = "0a4d55a8d778e5022fab701977c5d840bbc486d0") String revSha1,
        @Schema(examples = "62") long revLen,
        @Schema(examples = "http://localhost:8080/articles/jasic-workers-solidarity-group/submissions/"
                + "1416cdfd-2e10-47ed-8ade-35531c8d60c1") URI status) {
}
