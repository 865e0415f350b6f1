package dev.palimpsest.archive.admin;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** One record of a dead-letter topic, without its value (which may be megabytes): where it is, what, and why. */
@Schema(description = "A dead letter: an event a service could not take, and why")
public record DeadLetter(
        @Schema(description = "The dead-letter topic holding it", example = "palimpsest.archived.dlq")
        String topic,
        @Schema(description = "Its partition in the dead-letter topic", example = "0")
        int partition,
        @Schema(description = "Its offset in the dead-letter topic", example = "3")
        long offset,
        @Schema(description = "When it was dead-lettered", example = "2026-11-26T05:08:54.543Z")
        Instant time,
        @Schema(description = "The record's key (the article key), if any", example = "enwiki:12345")
        String key,
        @Schema(description = "Why it was refused", example = "a record without a value (tombstone)")
        String reason,
        @Schema(description = "The class of the refusal", example = "dev.palimpsest.query.readmodel.UndecodableArchiveEvent")
        String exceptionClass,
        @Schema(description = "The refusal's cause, if any", nullable = true)
        String cause,
        @Schema(description = "The topic it was read from", example = "palimpsest.revisions.archived")
        String originalTopic,
        @Schema(description = "The partition it was read from", example = "1")
        Integer originalPartition,
        @Schema(description = "The offset it was read from", example = "4")
        Long originalOffset,
        @Schema(description = "Size of the kept value in bytes (the event as JSON, or the undecodable bytes)",
                example = "0")
        int valueBytes) {
}
