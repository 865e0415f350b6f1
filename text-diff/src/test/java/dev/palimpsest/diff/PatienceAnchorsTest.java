package dev.palimpsest.diff;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static dev.palimpsest.diff.RandomTries.check;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The anchored diff of far-apart sequences: a valid script whatever the budget, anchors that are unique in both sides
 * and in order, found the same way whether counted or sorted.
 */
class PatienceAnchorsTest {

    @Test
    void theChangesAreAValidScriptWhateverTheBudget() {
        check("anchored scripts", 600, random -> {
            int[] older = longSequence(random);
            int[] newer = random.nextBoolean() ? MyersDiffTest.edited(older, random) : longSequence(random);
            long budget = random.nextBoolean() ? random.nextInt(5_000) : Long.MAX_VALUE;
            int[] applied = MyersDiffTest.apply(older, newer,
                    PatienceAnchors.changes(older, newer, new EditBudget(budget)));
            assertArrayEquals(newer, applied);
        });
    }

    @Test
    void anchorsAreUniqueInBothSidesInOrderAndTheSameCountedOrSorted() {
        check("anchors", 600, random -> {
            int[] older = longSequence(random);
            int[] newer = MyersDiffTest.edited(older, random);
            int[][] anchors = PatienceAnchors.anchors(older, 0, older.length, newer, 0, newer.length);
            Map<Integer, Integer> olderCounts = counts(older);
            Map<Integer, Integer> newerCounts = counts(newer);
            for (int k = 0; k < anchors.length; k++) {
                int token = older[anchors[k][0]];
                assertEquals(token, newer[anchors[k][1]]);
                assertEquals(1, olderCounts.get(token));
                assertEquals(1, newerCounts.get(token));
                if (k > 0) {
                    assertTrue(anchors[k][0] > anchors[k - 1][0] && anchors[k][1] > anchors[k - 1][1]);
                }
            }
            // ids far above the sequences' length take the sorting path; the chain must not change
            int[] olderSparse = Arrays.stream(older).map(t -> t * 1_000 + 7).toArray();
            int[] newerSparse = Arrays.stream(newer).map(t -> t * 1_000 + 7).toArray();
            assertArrayEquals(anchors, PatienceAnchors.anchors(olderSparse, 0, older.length, newerSparse, 0,
                    newer.length));
        });
    }

    @Test
    void aParagraphRewrittenAroundItsRareWordsIsAnchoredOnThem() {
        // long enough to be anchored first; "Proudhon" and "wrote" occur once in each side, in the same order
        String older = "the the of a " .repeat(150) + "Proudhon wrote in 1840 that property is theft";
        String newer = "a of the the " .repeat(150) + "In 1840 Proudhon wrote: property is theft";
        TextComparison comparison = TextDiff.compare(older, newer, Tokens.WORD);
        DiffChecks.roundTrip(older, newer, Tokens.WORD, comparison);
        assertTrue(comparison.operations().stream().anyMatch(op -> op.op().equals(DiffOperation.EQUAL)
                && op.text().contains("Proudhon wrote")), "the rare words are kept, not replaced");
    }

    private static Map<Integer, Integer> counts(int[] tokens) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int token : tokens) {
            counts.merge(token, 1, Integer::sum);
        }
        return counts;
    }

    private static int[] longSequence(Random random) {
        int[] tokens = new int[random.nextInt(1_200)];
        int alphabet = 1 + random.nextInt(random.nextBoolean() ? 30 : 3_000);
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = random.nextInt(alphabet);
        }
        return tokens;
    }
}
