package dev.palimpsest.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The diff of two sequences of interned tokens ({@code int}s), for callers that cut and intern their own tokens (the
 * provenance library compares wikitext tokens this way). The same bounded diff the texts get: common ends trimmed,
 * then anchored on unique tokens with Myers between the anchors ({@link PatienceAnchors}), out of one budget of
 * {@link TextDiff#REFINE_BUDGET} units, so two unrelated sequences cost O(n log n), never O(n²).
 */
public final class SequenceDiff {

    private SequenceDiff() {
    }

    /**
     * The changed runs {olderStart, olderEnd, newerStart, newerEnd} turning {@code older} into {@code newer}, in
     * order and never touching; what lies between them is equal in both.
     */
    public static List<int[]> changes(int[] older, int[] newer) {
        int prefix = TextDiff.commonPrefix(older, newer);
        int suffix = TextDiff.commonSuffix(older, newer, prefix);
        if (prefix == older.length && prefix == newer.length) {
            return List.of();
        }
        List<int[]> inner = PatienceAnchors.changes(Arrays.copyOfRange(older, prefix, older.length - suffix),
                Arrays.copyOfRange(newer, prefix, newer.length - suffix), new EditBudget(TextDiff.REFINE_BUDGET));
        List<int[]> changes = new ArrayList<>(inner.size());
        for (int[] change : inner) {
            changes.add(new int[] {change[0] + prefix, change[1] + prefix, change[2] + prefix, change[3] + prefix});
        }
        return changes;
    }
}
