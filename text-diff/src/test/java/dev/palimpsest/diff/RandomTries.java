package dev.palimpsest.diff;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A small property-test harness on JUnit Jupiter: a property is checked on {@code tries} inputs, each generated from
 * its own seed; a failure names the seed, and {@code -Dpalimpsest.seed=<seed>} makes it the first one tried. Without
 * that property each run starts from a fresh random seed, so repeated runs keep exploring.
 *
 * <p>Why not jqwik: from 1.10 its maintainers ask that it not be used by AI coding agents (the "Anti-AI Usage
 * Clause" of its user guide and release notes), and this code was written by one. These properties need no
 * shrinking: their inputs are small, and a failing seed reproduces exactly.
 */
final class RandomTries {

    private RandomTries() {
    }

    static void check(String property, int tries, Consumer<Random> body) {
        String given = System.getProperty("palimpsest.seed");
        long first = given == null || given.isBlank() ? new SecureRandom().nextLong() : Long.parseLong(given.trim());
        for (int i = 0; i < tries; i++) {
            long seed = first + i;
            try {
                body.accept(new Random(seed));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(property + ": falsified by seed " + seed + " (try " + (i + 1) + " of "
                        + tries + "); -Dpalimpsest.seed=" + seed + " reproduces it: " + e.getMessage(), e);
            }
        }
    }

    static <T> T oneOf(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Up to {@code max} values drawn from {@code values}; empty lists come up now and then, on purpose. */
    static <T> List<T> listOf(Random random, List<T> values, int max) {
        int size = random.nextInt(8) == 0 ? 0 : random.nextInt(max + 1);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(oneOf(random, values));
        }
        return list;
    }
}
