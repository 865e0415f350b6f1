package dev.palimpsest.ingest.imports;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * Progress and result of one import.
 *
 * @param bytes              bytes of the upload as received (compressed if it was)
 * @param xmlBytes           bytes of XML read so far (after decompression)
 * @param revisions          revisions found in the document
 * @param published          revisions published and acknowledged by the broker
 * @param rejected           revisions (or pages) that could not be published, with the first reasons below
 * @param revisionsPerSecond published revisions per second since publishing started
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
        @Schema(description = "Why a FAILED import stopped", examples = "the broker did not acknowledge in 30s")
        String error) {

    /** One rejected item. */
    @Schema(name = "ImportRejection")
    public record Rejection(@Schema(examples = "Anarchism") String pageTitle,
                            @Schema(examples = "233194") Long revId,
                            @Schema(examples = "text hidden at the source") String reason) {
    }
}
