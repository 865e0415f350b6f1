package dev.palimpsest.diff;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One step from the older text to the newer: keep, insert or delete a run of tokens. Positions are token indices,
 * half-open ({@code fromStart} inclusive, {@code fromEnd} exclusive), in the older ({@code from*}) and the newer
 * ({@code to*}) text's tokens ({@link Tokens#of}); {@code text} is the run itself. An insertion is empty in the
 * older text ({@code fromStart == fromEnd}), a deletion in the newer. Applying the operations of a diff in order
 * (keep equal runs, drop deleted ones, add inserted ones) rebuilds the newer text exactly.
 */
@Schema(description = "One step from the older text to the newer: keep (equal), insert or delete a run of tokens."
        + " Positions are token indices, half-open, in each text's tokens.")
public record DiffOperation(
        @Schema(enumeration = {"equal", "insert", "delete"}, examples = "insert") String op,
        @Schema(description = "First token of the run in the older text", examples = "3") int fromStart,
        @Schema(description = "End (exclusive) of the run in the older text; = fromStart for an insertion",
                examples = "3") int fromEnd,
        @Schema(description = "First token of the run in the newer text", examples = "3") int toStart,
        @Schema(description = "End (exclusive) of the run in the newer text; = toStart for a deletion",
                examples = "4") int toEnd,
        @Schema(description = "The run's text, exactly", examples = "A new line\n") String text) {

    public static final String EQUAL = "equal";
    public static final String INSERT = "insert";
    public static final String DELETE = "delete";
}
