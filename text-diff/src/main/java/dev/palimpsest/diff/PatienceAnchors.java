package dev.palimpsest.diff;

import com.github.difflib.algorithm.Change;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fallback when Myers runs out of budget on two texts' lines: lines that occur exactly once in each text are
 * likely the same line, so the longest run of them in the same order in both (patience sorting, O(n log n)) anchors
 * the texts to each other; Myers then compares only the gaps between anchors, each within what is left of a budget,
 * and a gap it cannot afford is one replacement. Two texts with nothing in common cost one pass.
 */
final class PatienceAnchors {

    private PatienceAnchors() {
    }

    /** Changed runs {fromStart, fromEnd, toStart, toEnd} turning {@code older} into {@code newer}, in order. */
    static List<int[]> changes(int[] older, int[] newer, EditBudget budget) {
        List<int[]> changes = new ArrayList<>();
        int[][] anchors = anchors(older, newer);
        int olderAt = 0;
        int newerAt = 0;
        for (int i = 0; i <= anchors.length; i++) {
            int olderEnd = i < anchors.length ? anchors[i][0] : older.length;
            int newerEnd = i < anchors.length ? anchors[i][1] : newer.length;
            gap(older, olderAt, olderEnd, newer, newerAt, newerEnd, budget, changes);
            olderAt = olderEnd + 1;
            newerAt = newerEnd + 1;
        }
        return changes;
    }

    private static void gap(int[] older, int olderStart, int olderEnd, int[] newer, int newerStart, int newerEnd,
                            EditBudget budget, List<int[]> changes) {
        if (olderStart == olderEnd && newerStart == newerEnd) {
            return;
        }
        List<Change> myers = budget.changes(Arrays.copyOfRange(older, olderStart, olderEnd),
                Arrays.copyOfRange(newer, newerStart, newerEnd));
        if (myers == null) {
            changes.add(new int[]{olderStart, olderEnd, newerStart, newerEnd});
            return;
        }
        for (Change change : myers) {
            changes.add(new int[]{olderStart + change.startOriginal, olderStart + change.endOriginal,
                    newerStart + change.startRevised, newerStart + change.endRevised});
        }
    }

    /** Pairs {olderIndex, newerIndex} of lines unique in both, increasing in both: a longest such chain. */
    private static int[][] anchors(int[] older, int[] newer) {
        Map<Integer, Integer> olderCount = counts(older);
        Map<Integer, Integer> newerCount = counts(newer);
        Map<Integer, Integer> newerIndex = new HashMap<>();
        for (int j = 0; j < newer.length; j++) {
            if (newerCount.get(newer[j]) == 1) {
                newerIndex.put(newer[j], j);
            }
        }
        List<int[]> candidates = new ArrayList<>();
        for (int i = 0; i < older.length; i++) {
            Integer j = newerIndex.get(older[i]);
            if (j != null && olderCount.get(older[i]) == 1) {
                candidates.add(new int[]{i, j});
            }
        }
        // longest increasing subsequence of the newer indices (candidates are in older order)
        int[] tails = new int[candidates.size()];
        int[] previous = new int[candidates.size()];
        int length = 0;
        for (int c = 0; c < candidates.size(); c++) {
            int j = candidates.get(c)[1];
            int low = 0;
            int high = length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (candidates.get(tails[mid])[1] < j) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            previous[c] = low > 0 ? tails[low - 1] : -1;
            tails[low] = c;
            if (low == length) {
                length++;
            }
        }
        int[][] chain = new int[length][];
        for (int c = length > 0 ? tails[length - 1] : -1, k = length - 1; c >= 0; c = previous[c], k--) {
            chain[k] = candidates.get(c);
        }
        return chain;
    }

    private static Map<Integer, Integer> counts(int[] values) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int value : values) {
            counts.merge(value, 1, Integer::sum);
        }
        return counts;
    }
}
