package dev.palimpsest.ingest.imports;

import dev.palimpsest.events.ImportStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * Progress and result of one import.
 *
 * @param bytes              bytes of the upload as received (compressed if it was)
 * @param xmlBytes           bytes of XML read (after decompression): all of the document once it is accepted, which
 *                           is read whole before anything is published (ADR 0027)
 * @param revisions          revisions found in the document
 * @param published          revisions published and acknowledged by the broker
 * @param rejected           revisions (or pages) that could not be published, with the first reasons below
 * @param revisionsPerSecond published revisions per second since publishing started
 * @param instanceId         the ingest instance that accepted and publishes the import
 * @param updatedAt          when that instance last reported on it (every second or so while it publishes)
 */
@Schema(name = "ImportReport")
public record ImportReport(
        @Schema(examples = "7ce934b2-da11-4718-ba9e-6a664114d0d2") String importId,
        ImportState state,
        @Schema(description = "The wiki's database name the articles are keyed by", examples = "enwiki")
        String database,
        Instant startedAt,
        Instant finishedAt,
        long bytes,
        long xmlBytes,
        long pages,
        long revisions,
        long published,
        long rejected,
        double revisionsPerSecond,
        List<Rejection> rejections,
        @Schema(description = "Why a FAILED or INTERRUPTED import stopped, and how far it got",
                examples = "the broker did not acknowledge in 30s")
        String error,
        @Schema(description = "The ingest instance that publishes the import (any instance answers for it)",
                examples = "ingest-service-7d9f8b6c5-x2v4q")
        String instanceId,
        @Schema(description = "When that instance last reported on the import; while PUBLISHING it reports every"
                + " second or so, and an import not reported on for longer than the configured limit is"
                + " INTERRUPTED", examples = "2026-11-25T22:40:39Z")
        Instant updatedAt) {

    /** One rejected item. */
    @Schema(name = "ImportRejection")
    public record Rejection(@Schema(examples = "Anarchism") String pageTitle,
                            @Schema(examples = "233194") Long revId,
                            @Schema(examples = "text hidden at the source") String reason) {
    }

    /** The report a record of {@code palimpsest.imports} says, as it says it. */
    static ImportReport of(ImportStatus status) {
        return new ImportReport(status.importId(), ImportState.valueOf(status.state()), status.database(),
                status.startedAt(), status.finishedAt(), status.bytes(), status.xmlBytes(), status.pages(),
                status.revisions(), status.published(), status.rejected(), status.revisionsPerSecond(),
                status.rejections().stream().map(r -> new Rejection(r.pageTitle(), r.revId(), r.reason())).toList(),
                status.error(), status.instanceId(), status.updatedAt());
    }
}
