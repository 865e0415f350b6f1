package dev.palimpsest.diff;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextDiffTest {

    /** Applies operations to the older text: keep equal runs (checked against it), skip deletions, add insertions. */
    private static String apply(String from, List<DiffOperation> operations, Tokens tokens) {
        List<String> older = tokens.of(from);
        StringBuilder to = new StringBuilder();
        for (DiffOperation op : operations) {
            String run = String.join("", older.subList(op.fromStart(), op.fromEnd()));
            switch (op.op()) {
                case "equal" -> {
                    assertEquals(run, op.text());
                    to.append(run);
                }
                case "delete" -> assertEquals(run, op.text());
                case "insert" -> to.append(op.text());
                default -> throw new AssertionError(op.op());
            }
        }
        return to.toString();
    }

    @ParameterizedTest
    @CsvSource({"LINE", "WORD", "CHAR"})
    void applyingTheOperationsToTheOlderTextGivesTheNewerExactly(Tokens tokens) {
        Random random = new Random(7);
        String seed = "佳士工人声援团\nJasic Workers Solidarity Group\n\uD83D\uDE00 emoji line\nno newline at the end";
        for (int round = 0; round < 200; round++) {
            String from = mutate(seed, random);
            String to = mutate(from, random);
            List<DiffOperation> operations = TextDiff.operations(from, to, tokens);
            assertEquals(to, apply(from, operations, tokens), "round " + round);
        }
    }

    @ParameterizedTest
    @CsvSource({"LINE", "WORD", "CHAR"})
    void aTextAgainstItselfIsOneEqualRun(Tokens tokens) {
        String text = "a\nb\nc";
        List<DiffOperation> operations = TextDiff.operations(text, text, tokens);
        assertTrue(operations.stream().allMatch(op -> op.op().equals("equal")));
        assertEquals("", TextDiff.compare(text, text, tokens).unified("a", "b", 3));
    }

    @org.junit.jupiter.api.Test
    void unifiedNamesBothSidesAndShowsTheChangedLine() {
        String unified = TextDiff.compare("one\ntwo\nthree\n", "one\n2\nthree\n", Tokens.LINE).unified("k@1", "k@2", 3);
        assertEquals("--- k@1\n+++ k@2\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n", unified);
        assertEquals("--- k@1\n+++ k@2\n@@ -2 +2 @@\n-two\n+2\n", TextDiff.compare("one\ntwo\nthree\n",
                "one\n2\nthree\n", Tokens.LINE).unified("k@1", "k@2", 0));
        assertEquals("--- /dev/null\n+++ k@1\n@@ -0,0 +1,2 @@\n+one\n+two\n\\ No newline at end of file\n",
                TextDiff.compare("", "one\ntwo", Tokens.LINE).unified("/dev/null", "k@1", 3));
    }

    private static String mutate(String text, Random random) {
        StringBuilder out = new StringBuilder(text);
        for (int edits = random.nextInt(4); edits >= 0; edits--) {
            int at = out.length() == 0 ? 0 : random.nextInt(out.length());
            // keep surrogate pairs whole
            if (at > 0 && Character.isLowSurrogate(out.charAt(at))) {
                at--;
            }
            switch (random.nextInt(3)) {
                case 0 -> out.insert(at, random.nextBoolean() ? "new words\n" : "字");
                case 1 -> {
                    int end = Math.min(out.length(), at + random.nextInt(6));
                    if (end < out.length() && Character.isLowSurrogate(out.charAt(end))) {
                        end++;
                    }
                    out.delete(at, end);
                }
                default -> out.insert(at, "\n");
            }
        }
        return out.toString();
    }
}
