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
        UUID eventId,
        String articleKey,
        String idempotencyKey,
        @Schema(examples = "0a4d55a8d778e5022fab701977c5d840bbc486d0") String revSha1,
        long revLen,
        URI status) {
}
