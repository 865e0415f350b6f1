package dev.palimpsest.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A diff that stays cheap when two sequences are far apart (ADR 0029). Myers costs O((N+M)·D): minimal and quick
 * for an edit, but two revisions years apart differ by thousands of tokens in every changed run. So a range of more
 * than {@link #ANCHOR_FIRST_TOKENS} tokens is anchored first: tokens that occur exactly once in each side are likely
 * the same token, and the longest run of them in the same order in both (patience sorting, O(n log n)) ties the two
 * sides together. Each gap between anchors, and any smaller range, goes to Myers with a cap proportional to its
 * length ({@link #MYERS_WORK_PER_TOKEN}, at least {@link #MYERS_WORK_MINIMUM}); a gap Myers cannot afford is anchored
 * within itself in turn (as git's patience diff recurses), and one with nothing to anchor on, or {@link #MAX_DEPTH}
 * levels down, is one replacement. All Myers work comes out of one {@link EditBudget}; once it is spent every
 * remaining gap is anchored or replaced, so the whole costs O(budget + depth·n log n) however the sides differ.
 *
 * <p>The result is exact (a valid edit script, never touching runs) but minimal only where Myers answered for the
 * whole; anchoring on unique tokens is what patience diff does, and it reads well: moved paragraphs and rewritten
 * sentences are not threaded together through their common "the"s and spaces.
 */
final class PatienceAnchors {

    /** Myers may spend this many units per token of a range (both sides) before the range is anchored instead. */
    static final long MYERS_WORK_PER_TOKEN = 2;
    /** And at least this many: small ranges always get Myers' minimal answer while the budget lasts. */
    static final long MYERS_WORK_MINIMUM = 200;
    /**
     * Ranges with more tokens than this (both sides) are anchored first, Myers running only between anchors (or on
     * the whole when nothing anchors): on a range that large, Myers within its cap rarely answers when the sides
     * differ much and costs little less than anchoring when they differ little.
     */
    static final long ANCHOR_FIRST_TOKENS = 200;
    /** How deep gaps are anchored within gaps before a gap is replaced as a whole. */
    static final int MAX_DEPTH = 8;

    private PatienceAnchors() {
    }

    /** Changed runs {fromStart, fromEnd, toStart, toEnd} turning {@code older} into {@code newer}, in order. */
    static List<int[]> changes(int[] older, int[] newer, EditBudget budget) {
        List<int[]> changes = new ArrayList<>();
        diff(older, 0, older.length, newer, 0, newer.length, budget, 0, changes);
        return changes;
    }

    private static void diff(int[] older, int olderStart, int olderEnd, int[] newer, int newerStart, int newerEnd,
                             EditBudget budget, int depth, List<int[]> changes) {
        while (olderStart < olderEnd && newerStart < newerEnd && older[olderStart] == newer[newerStart]) {
            olderStart++;
            newerStart++;
        }
        while (olderStart < olderEnd && newerStart < newerEnd && older[olderEnd - 1] == newer[newerEnd - 1]) {
            olderEnd--;
            newerEnd--;
        }
        if (olderStart == olderEnd && newerStart == newerEnd) {
            return;
        }
        if (olderStart == olderEnd || newerStart == newerEnd) {
            changes.add(new int[]{olderStart, olderEnd, newerStart, newerEnd});
            return;
        }
        long tokens = (long) olderEnd - olderStart + newerEnd - newerStart;
        boolean anchorFirst = tokens > ANCHOR_FIRST_TOKENS && depth < MAX_DEPTH;
        List<int[]> myers = anchorFirst ? null : budget.changes(Arrays.copyOfRange(older, olderStart, olderEnd),
                Arrays.copyOfRange(newer, newerStart, newerEnd),
                Math.max(MYERS_WORK_MINIMUM, MYERS_WORK_PER_TOKEN * tokens));
        if (myers != null) {
            for (int[] change : myers) {
                changes.add(new int[]{olderStart + change[0], olderStart + change[1], newerStart + change[2],
                        newerStart + change[3]});
            }
            return;
        }
        int[][] anchors = depth < MAX_DEPTH ? anchors(older, olderStart, olderEnd, newer, newerStart, newerEnd)
                : new int[0][];
        if (anchors.length == 0) {
            if (anchorFirst) {
                // nothing to anchor on: Myers after all, as for a range at the deepest level
                diff(older, olderStart, olderEnd, newer, newerStart, newerEnd, budget, MAX_DEPTH, changes);
            } else {
                changes.add(new int[]{olderStart, olderEnd, newerStart, newerEnd});
            }
            return;
        }
        int olderAt = olderStart;
        int newerAt = newerStart;
        for (int i = 0; i <= anchors.length; i++) {
            int olderGapEnd = i < anchors.length ? anchors[i][0] : olderEnd;
            int newerGapEnd = i < anchors.length ? anchors[i][1] : newerEnd;
            diff(older, olderAt, olderGapEnd, newer, newerAt, newerGapEnd, budget, depth + 1, changes);
            olderAt = olderGapEnd + 1;
            newerAt = newerGapEnd + 1;
        }
    }

    /**
     * Pairs {olderIndex, newerIndex} of tokens that occur once in {@code older[olderStart, olderEnd)} and once in
     * {@code newer[newerStart, newerEnd)}, increasing in both: a longest such chain.
     */
    static int[][] anchors(int[] older, int olderStart, int olderEnd, int[] newer, int newerStart, int newerEnd) {
        int maxId = 0;
        for (int i = olderStart; i < olderEnd; i++) {
            maxId = Math.max(maxId, older[i]);
        }
        for (int j = newerStart; j < newerEnd; j++) {
            maxId = Math.max(maxId, newer[j]);
        }
        long span = (long) olderEnd - olderStart + newerEnd - newerStart;
        long[] candidates = maxId <= 4 * span + 64
                ? candidatesByCounting(older, olderStart, olderEnd, newer, newerStart, newerEnd, maxId)
                : candidatesBySorting(older, olderStart, olderEnd, newer, newerStart, newerEnd);
        return longestChain(candidates);
    }

    /**
     * Tokens once in each side as {@code olderIndex << 32 | newerIndex}, in older order, counted in arrays indexed by
     * token: the ids of a whole changed run are dense (numbered from 0 for it).
     */
    private static long[] candidatesByCounting(int[] older, int olderStart, int olderEnd, int[] newer,
                                               int newerStart, int newerEnd, int maxId) {
        int[] olderCount = new int[maxId + 1];
        int[] newerCount = new int[maxId + 1];
        int[] newerIndex = new int[maxId + 1];
        for (int i = olderStart; i < olderEnd; i++) {
            olderCount[older[i]]++;
        }
        for (int j = newerStart; j < newerEnd; j++) {
            newerCount[newer[j]]++;
            newerIndex[newer[j]] = j;
        }
        long[] candidates = new long[olderEnd - olderStart];
        int count = 0;
        for (int i = olderStart; i < olderEnd; i++) {
            int id = older[i];
            if (olderCount[id] == 1 && newerCount[id] == 1) {
                candidates[count++] = (long) i << 32 | newerIndex[id];
            }
        }
        return Arrays.copyOf(candidates, count);
    }

    /**
     * The same by sorting (token, side, index) keys, which costs the same whatever the ids are: for a gap deep in
     * a run, whose few tokens have ids spread over the run's.
     */
    private static long[] candidatesBySorting(int[] older, int olderStart, int olderEnd, int[] newer, int newerStart,
                                              int newerEnd) {
        int olderCount = olderEnd - olderStart;
        long[] keys = new long[olderCount + newerEnd - newerStart];
        for (int i = olderStart; i < olderEnd; i++) {
            keys[i - olderStart] = (long) older[i] << 32 | i;
        }
        for (int j = newerStart; j < newerEnd; j++) {
            keys[olderCount + j - newerStart] = (long) newer[j] << 32 | 1L << 31 | j;
        }
        Arrays.sort(keys);
        // a token's run of keys is exactly one older then one newer occurrence
        long[] candidates = new long[Math.min(olderCount, keys.length - olderCount)];
        int count = 0;
        for (int k = 0; k < keys.length; ) {
            int end = k + 1;
            while (end < keys.length && keys[end] >>> 32 == keys[k] >>> 32) {
                end++;
            }
            if (end - k == 2 && (keys[k] & 1L << 31) == 0 && (keys[k + 1] & 1L << 31) != 0) {
                candidates[count++] = (keys[k] & 0x7FFF_FFFFL) << 32 | keys[k + 1] & 0x7FFF_FFFFL;
            }
            k = end;
        }
        Arrays.sort(candidates, 0, count);
        return Arrays.copyOf(candidates, count);
    }

    /** A longest subsequence of the candidates (in older order) whose newer indices increase (patience sorting). */
    private static int[][] longestChain(long[] candidates) {
        int count = candidates.length;
        int[] tails = new int[count];
        int[] previous = new int[count];
        int length = 0;
        for (int c = 0; c < count; c++) {
            int j = (int) candidates[c];
            int low = 0;
            int high = length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if ((int) candidates[tails[mid]] < j) {
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
            chain[k] = new int[]{(int) (candidates[c] >>> 32), (int) candidates[c]};
        }
        return chain;
    }
}
