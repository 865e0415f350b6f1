package dev.palimpsest.ingest.submission;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One revision as a client submits it. Only {@code title} and {@code text} are required.
 *
 * @param timestamp        when the edit was made, an ISO-8601 instant; the time of receipt when absent
 * @param sourceRevisionId the revision's id at its source (e.g. MediaWiki {@code rev_id}); makes resubmission
 *                         idempotent
 */
@Schema(name = "SubmitRevisionRequest")
public record SubmitRevisionRequest(
        @Schema(required = true, examples = "JASIC Workers Solidarity Group") String title,
        @Schema(required = true, description = "The full text of the revision (UTF-8), stored byte for byte")
        String text,
        @Schema(examples = "2018-08-27T12:00:00Z") String timestamp,
        @Schema(examples = "Example editor") String author,
        @Schema(examples = "copy edit") String comment,
        @Schema(examples = "853412345") Long sourceRevisionId) {
}
