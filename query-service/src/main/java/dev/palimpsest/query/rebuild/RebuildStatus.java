package dev.palimpsest.query.rebuild;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a read-model rebuild is: the answer of {@code POST} and {@code GET /admin/read-model/rebuild}.
 *
 * @param phase           see {@link RebuildPhase}; {@code switched} and {@code failed} are final
 * @param replayed        archived-topic records (revisions, deduplications, redactions) replayed into the new
 *                        generation so far
 * @param total           records in the topic up to its end as last looked at (it grows while revisions arrive)
 * @param perSecond       replay rate since the replay began
 * @param secondsLeft     estimated time to catch up at that rate; absent before the replay and once finished
 * @param skipped         records replayed but not stored: undecodable, or refused by the read model's invariants
 *                        (the live consumer dead-lettered the same records when it met them)
 * @param switchedAt      when reads moved to the new generation; absent before
 * @param failure         why a failed rebuild stopped
 */
@Schema(name = "ReadModelRebuild")
public record RebuildStatus(
        @Schema(examples = "0b8e7f36-55d4-4c40-9d3c-5d0f9f0a4a11") UUID id,
        @Schema(type = SchemaType.STRING, enumeration = {"preparing", "replaying", "catching-up", "switching",
                "dropping-old", "switched", "failed"}, examples = "replaying") String phase,
        @Schema(examples = "9120") long replayed,
        @Schema(examples = "16735") long total,
        @Schema(examples = "412.5") double perSecond,
        @Schema(examples = "18") Long secondsLeft,
        @Schema(examples = "0") long skipped,
        @Schema(examples = "2026-12-03T08:00:00.123Z") Instant startedAt,
        @Schema(examples = "2026-12-03T08:00:41.456Z") Instant switchedAt,
        @Schema(examples = "2026-12-03T08:00:41.789Z") Instant finishedAt,
        @Schema(examples = "another query-service instance consumes the archived topic in group palimpsest-query")
        String failure) {
}
