package dev.palimpsest.diff;

import java.util.Arrays;
import java.util.List;

/**
 * A bound on the work Myers' algorithm may do, shared by the diffs of one comparison. Myers costs O((N+M)·D) for D
 * differences: fine for an edit, quadratic for two unrelated megabytes. Work is counted, not timed (so a
 * comparison's answer never depends on the machine's speed): every element comparison and, per round of the
 * algorithm, the number of diagonals it visits. A diff that would exceed what is left gives up, and its caller
 * reports the whole range as replaced instead: still a correct diff, only a coarser one.
 */
final class EditBudget {

    private long left;
    /** What must stay left while the current diff runs: above zero when that diff has a cap of its own. */
    private long floor;

    EditBudget(long units) {
        this.left = units;
    }

    long left() {
        return left;
    }

    /**
     * The changes {olderStart, olderEnd, newerStart, newerEnd} turning {@code older} into {@code newer} (sequences
     * of interned tokens), in order and minimal ({@link MyersDiff}), or null when the budget runs out first; what
     * was spent stays spent.
     */
    List<int[]> changes(int[] older, int[] newer) {
        return changes(older, newer, Long.MAX_VALUE);
    }

    /**
     * Like {@link #changes(int[], int[])}, spending at most {@code cap} units on this diff: null when it would need
     * more (or more than is left); what was spent stays spent.
     */
    List<int[]> changes(int[] older, int[] newer, long cap) {
        if (Arrays.equals(older, newer)) {
            return List.of();
        }
        floor = Math.max(0, left - cap);
        List<int[]> changes = MyersDiff.changes(older, newer, this);
        if (changes == null) {
            left = Math.max(left, floor);
        }
        floor = 0;
        return changes;
    }

    /** Spends {@code units} of work; false when that is more than the current diff may spend. */
    boolean spend(long units) {
        left -= units;
        return left >= floor;
    }
}
