package dev.palimpsest.diff;

import java.util.List;

/** A run of lines of a comparison: the same in both texts, or changed (and then compared in smaller tokens). */
sealed interface LineBlock {

    /** {@code lines} lines, equal in both texts, from line {@code fromLine} and {@code toLine} (0-based). */
    record Unchanged(int fromLine, int toLine, int lines) implements LineBlock {

        /**
         * Which of its lines a rendering shows: {@code context} lines after a change before it and before a change
         * after it, the rest collapsed (all of them when the two would meet).
         */
        Shown shown(int context, boolean afterChange, boolean beforeChange) {
            int head = afterChange ? context : 0;
            int tail = beforeChange ? context : 0;
            if ((long) head + tail >= lines) {
                return new Shown(lines, 0, 0);
            }
            return new Shown(head, lines - head - tail, tail);
        }
    }

    /** An unchanged run as shown: its first {@code head} lines, {@code skipped} collapsed, its last {@code tail}. */
    record Shown(int head, int skipped, int tail) {
    }

    /**
     * Lines {@code [fromLine, fromLine + fromLines)} of the older text became {@code [toLine, toLine + toLines)} of
     * the newer (either may be empty); {@code pieces} say how, in tokens of the comparison's granularity.
     */
    record Changed(int fromLine, int fromLines, int toLine, int toLines, List<Piece> pieces) implements LineBlock {
    }

    /**
     * A run of tokens inside a changed block: {@code op} is one of {@link DiffOperation#EQUAL},
     * {@link DiffOperation#DELETE}, {@link DiffOperation#INSERT}; the token counts are those it covers in each text; {@code words}
     * is how many words ({@link Tokens#countWords}) its text has, or -1 when not counted (then count the text).
     */
    record Piece(String op, String text, int fromTokens, int toTokens, int words) {
    }
}
