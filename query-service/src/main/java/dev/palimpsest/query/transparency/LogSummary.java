package dev.palimpsest.query.transparency;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One of the archive's transparency logs, as the read model's copy holds it. */
@Schema(name = "TransparencyLog", description = "One of the archive's transparency logs (one per partition of the"
        + " submitted topic), as the read model's copy holds it")
public record LogSummary(
        @Schema(description = "The log's id: the partition of the submitted topic") int log,
        @Schema(description = "Its origin, the first line of its checkpoints", example = "palimpsest.local/log/0")
        String origin,
        @Schema(description = "How many leaves the read model's copy holds") long size,
        @Schema(description = "The latest signed checkpoint the copy can prove against (null before the first)")
        String checkpoint,
        @Schema(description = "That checkpoint's tree size") Long checkpointSize) {
}
