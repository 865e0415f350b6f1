package dev.palimpsest.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Myers' O((N+M)·D) difference algorithm on interned tokens ({@code int}s), in linear space: the "middle snake"
 * divide and conquer of Myers (1986, section 4b), as git's xdiff and diff-match-patch run it. It finds a shortest
 * edit script (a minimal number of deleted plus inserted tokens), like java-diff-utils' Myers did here before, but
 * on primitive arrays: no boxed tokens, no path node per step, two reused {@code int[]}s whatever D is. Before
 * searching, tokens that occur nowhere in the other sequence are set aside as changed (xdiff does the same): they
 * cannot be part of any common subsequence, so the script stays minimal while the search runs on fewer tokens.
 *
 * <p>Work is spent from an {@link EditBudget}: one unit per diagonal visited and per pair of tokens compared, the
 * units ADR 0008 defines. The budget is checked once per round of the search; when it runs out the diff stops and
 * answers nothing (no exception: a diff far over its cap is routine here, see {@link PatienceAnchors}).
 */
final class MyersDiff {

    private final int[] older;
    private final int[] newer;
    private final boolean[] deleted;
    private final boolean[] inserted;
    private final EditBudget budget;
    private int[] forward;
    private int[] backward;

    private MyersDiff(int[] older, int[] newer, boolean[] deleted, boolean[] inserted, EditBudget budget) {
        this.older = older;
        this.newer = newer;
        this.deleted = deleted;
        this.inserted = inserted;
        this.budget = budget;
    }

    /**
     * The changed runs {olderStart, olderEnd, newerStart, newerEnd} turning {@code older} into {@code newer}, in
     * order, minimal in tokens; never two touching runs. Null when the budget runs out first.
     */
    static List<int[]> changes(int[] older, int[] newer, EditBudget budget) {
        boolean[] deleted = new boolean[older.length];
        boolean[] inserted = new boolean[newer.length];
        int[][] kept = keptIndices(older, newer, deleted, inserted);
        int[] olderKept = kept[0];
        int[] newerKept = kept[1];
        int[] olderTokens = pick(older, olderKept);
        int[] newerTokens = pick(newer, newerKept);
        boolean[] olderChanged = new boolean[olderTokens.length];
        boolean[] newerChanged = new boolean[newerTokens.length];
        if (!new MyersDiff(olderTokens, newerTokens, olderChanged, newerChanged, budget)
                .compare(0, olderTokens.length, 0, newerTokens.length)) {
            return null;
        }
        for (int i = 0; i < olderChanged.length; i++) {
            deleted[olderKept[i]] = olderChanged[i];
        }
        for (int j = 0; j < newerChanged.length; j++) {
            inserted[newerKept[j]] = newerChanged[j];
        }
        return runs(deleted, inserted);
    }

    /**
     * The indices of the tokens that occur in the other sequence, {olderIndices, newerIndices}; the others are
     * marked changed. Tokens are small non-negative ints (interned), so occurrences are counted in arrays; when the
     * ids are sparse compared with the sequences (a gap between anchors, say), nothing is set aside.
     */
    private static int[][] keptIndices(int[] older, int[] newer, boolean[] deleted, boolean[] inserted) {
        int maxId = -1;
        for (int id : older) {
            maxId = Math.max(maxId, id);
        }
        for (int id : newer) {
            maxId = Math.max(maxId, id);
        }
        long span = (long) older.length + newer.length;
        if (maxId < 0 || maxId > 4 * span + 64) {
            return new int[][]{identity(older.length), identity(newer.length)};
        }
        boolean[] inOlder = new boolean[maxId + 1];
        boolean[] inNewer = new boolean[maxId + 1];
        for (int id : older) {
            inOlder[id] = true;
        }
        for (int id : newer) {
            inNewer[id] = true;
        }
        return new int[][]{keep(older, inNewer, deleted), keep(newer, inOlder, inserted)};
    }

    private static int[] keep(int[] tokens, boolean[] inOther, boolean[] changed) {
        int[] kept = new int[tokens.length];
        int count = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (inOther[tokens[i]]) {
                kept[count++] = i;
            } else {
                changed[i] = true;
            }
        }
        return Arrays.copyOf(kept, count);
    }

    private static int[] identity(int length) {
        int[] indices = new int[length];
        for (int i = 0; i < length; i++) {
            indices[i] = i;
        }
        return indices;
    }

    private static int[] pick(int[] tokens, int[] indices) {
        int[] picked = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = tokens[indices[i]];
        }
        return picked;
    }

    /**
     * Runs of changed tokens as changes. The unchanged tokens of both sides pair up in order (they are a common
     * subsequence), so walking both at once, a change is what lies between two consecutive pairs.
     */
    private static List<int[]> runs(boolean[] deleted, boolean[] inserted) {
        List<int[]> changes = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < deleted.length || j < inserted.length) {
            if (i < deleted.length && j < inserted.length && !deleted[i] && !inserted[j]) {
                i++;
                j++;
                continue;
            }
            int olderStart = i;
            int newerStart = j;
            while (i < deleted.length && deleted[i]) {
                i++;
            }
            while (j < inserted.length && inserted[j]) {
                j++;
            }
            changes.add(new int[]{olderStart, i, newerStart, j});
        }
        return changes;
    }

    /**
     * Marks the changed tokens of {@code older[olderLow, olderHigh)} against {@code newer[newerLow, newerHigh)};
     * false when the budget ran out.
     */
    private boolean compare(int olderLow, int olderHigh, int newerLow, int newerHigh) {
        long compared = 0;
        while (olderLow < olderHigh && newerLow < newerHigh && older[olderLow] == newer[newerLow]) {
            olderLow++;
            newerLow++;
            compared++;
        }
        while (olderLow < olderHigh && newerLow < newerHigh && older[olderHigh - 1] == newer[newerHigh - 1]) {
            olderHigh--;
            newerHigh--;
            compared++;
        }
        if (!budget.spend(compared)) {
            return false;
        }
        if (olderLow == olderHigh) {
            Arrays.fill(inserted, newerLow, newerHigh, true);
            return true;
        }
        if (newerLow == newerHigh) {
            Arrays.fill(deleted, olderLow, olderHigh, true);
            return true;
        }
        return bisect(olderLow, olderHigh, newerLow, newerHigh);
    }

    /**
     * Finds the middle snake of a shortest path through the edit graph, searching from both corners at once, and
     * compares the two halves on either side of it; with no snake at all, everything is changed. The two ends of
     * the ranges differ (compare trimmed them), so the halves are smaller than the whole.
     */
    private boolean bisect(int olderLow, int olderHigh, int newerLow, int newerHigh) {
        int n = olderHigh - olderLow;
        int m = newerHigh - newerLow;
        int maxD = (n + m + 1) / 2;
        int offset = maxD;
        int length = 2 * maxD + 2;
        if (forward == null || forward.length < length) {
            forward = new int[length];
            backward = new int[length];
        }
        int[] v1 = forward;
        int[] v2 = backward;
        Arrays.fill(v1, 0, length, -1);
        Arrays.fill(v2, 0, length, -1);
        v1[offset + 1] = 0;
        v2[offset + 1] = 0;
        int delta = n - m;
        // with an odd delta the forward search meets the backward one, with an even delta the reverse
        boolean front = (delta & 1) != 0;
        int k1Start = 0;
        int k1End = 0;
        int k2Start = 0;
        int k2End = 0;
        for (int d = 0; d < maxD; d++) {
            long work = 0;
            for (int k1 = -d + k1Start; k1 <= d - k1End; k1 += 2) {
                int k1Offset = offset + k1;
                int x1 = k1 == -d || (k1 != d && v1[k1Offset - 1] < v1[k1Offset + 1])
                        ? v1[k1Offset + 1] : v1[k1Offset - 1] + 1;
                int y1 = x1 - k1;
                int from = x1;
                while (x1 < n && y1 < m && older[olderLow + x1] == newer[newerLow + y1]) {
                    x1++;
                    y1++;
                }
                work += 1 + x1 - from;
                v1[k1Offset] = x1;
                if (x1 > n) {
                    k1End += 2; // ran off the right of the graph
                } else if (y1 > m) {
                    k1Start += 2; // ran off the bottom
                } else if (front) {
                    int k2Offset = offset + delta - k1;
                    if (k2Offset >= 0 && k2Offset < length && v2[k2Offset] != -1 && x1 >= n - v2[k2Offset]) {
                        return budget.spend(work) && split(olderLow, olderHigh, newerLow, newerHigh, x1, y1);
                    }
                }
            }
            for (int k2 = -d + k2Start; k2 <= d - k2End; k2 += 2) {
                int k2Offset = offset + k2;
                int x2 = k2 == -d || (k2 != d && v2[k2Offset - 1] < v2[k2Offset + 1])
                        ? v2[k2Offset + 1] : v2[k2Offset - 1] + 1;
                int y2 = x2 - k2;
                int from = x2;
                while (x2 < n && y2 < m && older[olderHigh - x2 - 1] == newer[newerHigh - y2 - 1]) {
                    x2++;
                    y2++;
                }
                work += 1 + x2 - from;
                v2[k2Offset] = x2;
                if (x2 > n) {
                    k2End += 2;
                } else if (y2 > m) {
                    k2Start += 2;
                } else if (!front) {
                    int k1Offset = offset + delta - k2;
                    if (k1Offset >= 0 && k1Offset < length && v1[k1Offset] != -1) {
                        int x1 = v1[k1Offset];
                        int y1 = offset + x1 - k1Offset;
                        if (x1 >= n - x2) {
                            return budget.spend(work) && split(olderLow, olderHigh, newerLow, newerHigh, x1, y1);
                        }
                    }
                }
            }
            if (!budget.spend(work)) {
                return false;
            }
        }
        Arrays.fill(deleted, olderLow, olderHigh, true);
        Arrays.fill(inserted, newerLow, newerHigh, true);
        return true;
    }

    private boolean split(int olderLow, int olderHigh, int newerLow, int newerHigh, int x, int y) {
        return compare(olderLow, olderLow + x, newerLow, newerLow + y)
                && compare(olderLow + x, olderHigh, newerLow + y, newerHigh);
    }
}
