package dev.palimpsest.archive.admin;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** The most recent dead letters of every dead-letter topic, and how many each topic holds in all. */
@Schema(description = "The most recent dead letters, newest first")
public record DeadLetterList(
        @Schema(description = "Records held by each dead-letter topic",
                example = "{\"palimpsest.revisions.dlq\": 2, \"palimpsest.archived.dlq\": 3}")
        Map<String, Long> counts,
        @Schema(description = "At most `limit` dead letters, newest first")
        List<DeadLetter> deadLetters) {
}
