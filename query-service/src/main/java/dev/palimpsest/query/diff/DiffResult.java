package dev.palimpsest.query.diff;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * What changed between two revisions of an article: the operations from the older text to the newer, and how many
 * tokens each side lost and gained.
 *
 * @param granularity what a token is: {@code line} or {@code char}
 * @param added       tokens inserted
 * @param removed     tokens deleted
 */
public record DiffResult(
        @Schema(examples = "enwiki:12") String articleKey,
        @Schema(examples = "3") int fromRevSeq,
        @Schema(examples = "4") int toRevSeq,
        @Schema(enumeration = {"line", "char"}) String granularity,
        List<DiffOperation> operations,
        @Schema(examples = "2") int added,
        @Schema(examples = "1") int removed) {

    static DiffResult of(String articleKey, int fromRevSeq, int toRevSeq, Tokens tokens,
                         List<DiffOperation> operations) {
        int added = operations.stream().filter(op -> op.op().equals("insert")).mapToInt(op -> op.toEnd() - op.toStart())
                .sum();
        int removed = operations.stream().filter(op -> op.op().equals("delete"))
                .mapToInt(op -> op.fromEnd() - op.fromStart()).sum();
        return new DiffResult(articleKey, fromRevSeq, toRevSeq, tokens.name().toLowerCase(java.util.Locale.ROOT),
                operations, added, removed);
    }
}
