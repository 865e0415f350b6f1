package dev.palimpsest.ingest.redaction;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.net.URI;
import java.util.UUID;

/**
 * The answer to an accepted redaction request: it is in the log and the archive will answer it.
 *
 * @param eventId the id of the {@code RevisionRedactionRequested} event; the archive's answer names it
 * @param status  where to follow the request to its outcome (query-service)
 */
@Schema(name = "RedactionReceipt")
public record RedactionReceipt(
        @Schema(examples = "6f1c2b7e-4c1d-4f9e-9a3b-2d8e5f7a9c01") UUID eventId,
        @Schema(examples = "enwiki:12345") String articleKey,
        @Schema(examples = "3") int revSeq,
        @Schema(examples = "http://localhost:8080/articles/enwiki:12345/redactions/"
                + "6f1c2b7e-4c1d-4f9e-9a3b-2d8e5f7a9c01") URI status) {
}
