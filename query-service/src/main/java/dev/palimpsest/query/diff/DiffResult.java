package dev.palimpsest.query.diff;

import dev.palimpsest.diff.DiffOperation;
import dev.palimpsest.diff.DiffStats;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * What changed between two revisions of an article: the operations from the older text to the newer, and how much
 * changed.
 *
 * @param fromRevSeq  the older revision; null when the newer is the article's first revision, compared with the
 *                    empty text (a diff against its parent)
 * @param granularity what a token is: {@code line}, {@code word} or {@code char}
 */
@Schema(description = "What changed between two revisions: operations turning the older text into the newer (applied"
        + " in order they rebuild it byte for byte) and stats.")
public record DiffResult(
        @Schema(examples = "enwiki:12") String articleKey,
        @Schema(description = "The older revision; null when `toRevSeq` is the article's first revision, compared"
                + " with the empty text", examples = "3", nullable = true) Integer fromRevSeq,
        @Schema(examples = "4") int toRevSeq,
        @Schema(enumeration = {"line", "word", "char"}, examples = "word") String granularity,
        List<DiffOperation> operations,
        DiffStats stats) {
}
