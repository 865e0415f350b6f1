package dev.palimpsest.query.diff;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One step from the older text to the newer: keep, insert or delete a run of tokens. Positions are token indices,
 * half-open ({@code fromStart} inclusive, {@code fromEnd} exclusive), in the older ({@code from*}) and the newer
 * ({@code to*}) text; {@code text} is the run itself.
 */
public record DiffOperation(
        @Schema(enumeration = {"equal", "insert", "delete"}, examples = "insert") String op,
        @Schema(examples = "3") int fromStart,
        @Schema(examples = "3") int fromEnd,
        @Schema(examples = "3") int toStart,
        @Schema(examples = "4") int toEnd,
        @Schema(examples = "A new line\n") String text) {
}
