package dev.palimpsest.provenance;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenRunsTest {

    @Test
    void runsRoundTripAndAreCompactForConsecutiveNumbers() {
        int[] tokens = {0, 1, 2, 3, 4, 10, 11, 12, 3, 4, 5, 1_000_000, 7};
        byte[] runs = TokenRuns.encode(tokens);
        assertArrayEquals(tokens, TokenRuns.decode(runs));
        assertTrue(TokenRuns.contains(runs, 1_000_000));
        assertTrue(TokenRuns.contains(runs, 11));
        assertFalse(TokenRuns.contains(runs, 9));
        int[] consecutive = new int[10_000];
        for (int i = 0; i < consecutive.length; i++) {
            consecutive[i] = 500 + i;
        }
        assertTrue(TokenRuns.encode(consecutive).length <= 4);
    }

    @Test
    void changesAgainstABaseRoundTripAndAreSmallForAnEdit() {
        int[] base = new int[5_000];
        for (int i = 0; i < base.length; i++) {
            base[i] = i;
        }
        // a sentence moved, one removed, new tokens in two places
        int[] edited = new int[5_000];
        int at = 0;
        for (int i = 0; i < 1_000; i++) {
            edited[at++] = i;
        }
        for (int i = 0; i < 20; i++) {
            edited[at++] = 9_000 + i;
        }
        for (int i = 3_000; i < 3_500; i++) {
            edited[at++] = i;
        }
        for (int i = 1_000; i < 3_000; i++) {
            edited[at++] = i;
        }
        for (int i = 3_600; i < 5_000 && at < edited.length; i++) {
            edited[at++] = i;
        }
        int[] tokens = java.util.Arrays.copyOf(edited, at);
        byte[] changes = TokenRuns.encodeAgainst(base, tokens);
        assertArrayEquals(tokens, TokenRuns.decodeAgainst(base, changes));
        assertTrue(changes.length < 32, changes.length + " bytes");
    }

    @Test
    void changesAgainstABaseRoundTripOnRandomSequences() {
        Random random = new Random(17);
        for (int round = 0; round < 200; round++) {
            int[] base = random.ints(random.nextInt(300), 0, 400).toArray();
            int[] tokens = random.ints(random.nextInt(300), 0, 600).toArray();
            assertArrayEquals(tokens, TokenRuns.decodeAgainst(base, TokenRuns.encodeAgainst(base, tokens)));
            assertArrayEquals(tokens, TokenRuns.decode(TokenRuns.encode(tokens)));
        }
    }

    @Test
    void truncatedRunsAreRefused() {
        byte[] runs = TokenRuns.encode(new int[] {300_000, 300_001});
        assertThrows(IllegalArgumentException.class,
                () -> TokenRuns.decode(java.util.Arrays.copyOf(runs, runs.length - 1)));
    }
}
