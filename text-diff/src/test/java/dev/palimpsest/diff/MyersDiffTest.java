package dev.palimpsest.diff;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.palimpsest.diff.RandomTries.check;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Myers' diff in linear space: its changes turn one sequence into the other, never touch, and are minimal (as many
 * tokens changed as the longest common subsequence, found by dynamic programming, leaves); the budget stops it.
 */
class MyersDiffTest {

    @Test
    void randomSequencesGetAValidMinimalScript() {
        check("minimal scripts", 2000, random -> {
            int[] older = sequence(random);
            int[] newer = random.nextBoolean() ? edited(older, random) : sequence(random);
            List<int[]> changes = new EditBudget(Long.MAX_VALUE).changes(older, newer);
            assertNotNull(changes);
            assertArrayEquals(newer, apply(older, newer, changes));
            int changed = 0;
            int[] last = null;
            for (int[] change : changes) {
                assertTrue(change[1] > change[0] || change[3] > change[2], "an empty change");
                if (last != null) {
                    assertTrue(change[0] > last[1] && change[2] > last[3], "changes touch or overlap");
                }
                changed += change[1] - change[0] + change[3] - change[2];
                last = change;
            }
            assertEquals(older.length + newer.length - 2 * longestCommonSubsequence(older, newer), changed);
        });
    }

    @Test
    void theBudgetStopsIt() {
        int[] older = new int[400];
        int[] newer = new int[400];
        for (int i = 0; i < 400; i++) {
            older[i] = i % 7;
            newer[i] = (i * 5) % 11;
        }
        EditBudget small = new EditBudget(1_000);
        assertNull(small.changes(older, newer));
        assertEquals(0, small.left(), "a diff over budget spends what was left");
        EditBudget capped = new EditBudget(1_000_000);
        assertNull(capped.changes(older, newer, 100));
        assertEquals(1_000_000 - 100, capped.left(), "a capped diff spends its cap, no more");
        assertNotNull(capped.changes(older, newer), "the rest of the budget is still there");
    }

    /** The changes applied: tokens outside them are kept (and must be equal), inside them the newer ones taken. */
    static int[] apply(int[] older, int[] newer, List<int[]> changes) {
        List<Integer> out = new ArrayList<>();
        int olderAt = 0;
        int newerAt = 0;
        for (int[] change : changes) {
            for (; olderAt < change[0]; olderAt++, newerAt++) {
                assertEquals(older[olderAt], newer[newerAt], "an unchanged token differs");
                out.add(older[olderAt]);
            }
            assertEquals(change[2] - newerAt, 0, "the sides are out of step");
            for (int j = change[2]; j < change[3]; j++) {
                out.add(newer[j]);
            }
            olderAt = change[1];
            newerAt = change[3];
        }
        for (; olderAt < older.length; olderAt++, newerAt++) {
            assertEquals(older[olderAt], newer[newerAt], "an unchanged token differs");
            out.add(older[olderAt]);
        }
        assertEquals(newer.length, newerAt);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    static int[] sequence(Random random) {
        int[] tokens = new int[random.nextInt(8) == 0 ? 0 : random.nextInt(60)];
        int alphabet = 1 + random.nextInt(12);
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = random.nextInt(alphabet);
        }
        return tokens;
    }

    static int[] edited(int[] tokens, Random random) {
        List<Integer> edited = new ArrayList<>();
        for (int token : tokens) {
            switch (random.nextInt(10)) {
                case 0 -> {
                }
                case 1 -> edited.add(random.nextInt(20));
                case 2 -> {
                    edited.add(token);
                    edited.add(random.nextInt(20));
                }
                default -> edited.add(token);
            }
        }
        return edited.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int longestCommonSubsequence(int[] a, int[] b) {
        int[][] lengths = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1
                        : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
            }
        }
        return lengths[0][0];
    }
}
