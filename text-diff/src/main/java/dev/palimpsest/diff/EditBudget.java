package dev.palimpsest.diff;

import com.github.difflib.algorithm.Change;
import com.github.difflib.algorithm.DiffAlgorithmListener;
import com.github.difflib.algorithm.myers.MeyersDiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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

    EditBudget(long units) {
        this.left = units;
    }

    long left() {
        return left;
    }

    /**
     * The changes turning {@code older} into {@code newer} (sequences of interned tokens), in order, or null when
     * the budget runs out first; what was spent stays spent.
     */
    List<Change> changes(int[] older, int[] newer) {
        if (Arrays.equals(older, newer)) {
            return List.of();
        }
        MeyersDiff<Integer> myers = new MeyersDiff<>((a, b) -> {
            if (--left < 0) {
                throw OverBudget.INSTANCE;
            }
            return a.intValue() == b.intValue();
        });
        DiffAlgorithmListener rounds = new DiffAlgorithmListener() {
            @Override
            public void diffStart() {
            }

            @Override
            public void diffStep(int round, int max) {
                left -= 2L * round + 1;
                if (left < 0) {
                    throw OverBudget.INSTANCE;
                }
            }

            @Override
            public void diffEnd() {
            }
        };
        try {
            // the library lists changes from the end backwards
            List<Change> changes = new ArrayList<>(myers.computeDiff(boxed(older), boxed(newer), rounds));
            changes.sort(Comparator.comparingInt((Change change) -> change.startOriginal)
                    .thenComparingInt(change -> change.startRevised));
            return changes;
        } catch (OverBudget e) {
            left = Math.max(left, 0);
            return null;
        }
    }

    private static List<Integer> boxed(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /** Thrown through the library's loop to stop it; carries no stack trace, it is control flow. */
    private static final class OverBudget extends RuntimeException {
        static final OverBudget INSTANCE = new OverBudget();

        private OverBudget() {
            super("diff budget exhausted", null, false, false);
        }
    }
}
