package dev.palimpsest.diff;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.palimpsest.diff.RandomTries.check;
import static dev.palimpsest.diff.RandomTries.listOf;
import static dev.palimpsest.diff.RandomTries.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The diff's invariants on real revisions (the Rio Grande history, the seed article) and on random edits: applying
 * the operations to the older text gives the newer byte for byte at every granularity, a text against itself has no
 * change, and the HTML page escapes every character of the texts.
 */
class TextDiffProperties {

    /** Pieces random texts are made of: CJK, emoji (with joiners and skin tones), CRLF, markup, combining marks. */
    private static final List<String> ATOMS = List.of("a", "word", "Wörter", "don't", " ", "  ", "\t", "\n", "\n",
            "\r\n", "\r", ",", ".", "'", "''", "佳", "士", "工人", "ひらがな", "カタカナ", "한국어", "😀", "👍🏽",
            "👨\u200D👩\u200D👧", "🇨🇳", "e\u0301", "\u0301", "<script>alert(1)</script>", "&amp;", "&", "<", "\"",
            "[[link]]", "{{cite}}", "123", "\u00A0", "\u0000");

    @ParameterizedTest
    @EnumSource(Tokens.class)
    void everyPairOfConsecutiveRealRevisionsRoundTrips(Tokens tokens) {
        List<String> revisions = RealRevisions.rioGrande();
        for (int i = 0; i + 1 < revisions.size(); i++) {
            String from = revisions.get(i);
            String to = revisions.get(i + 1);
            DiffChecks.roundTrip(from, to, tokens, TextDiff.compare(from, to, tokens));
        }
    }

    @Test
    void randomPairsOfRealRevisionsRoundTripBothWays() {
        List<String> revisions = RealRevisions.rioGrande();
        check("random pairs of real revisions", 120, random -> {
            String a = oneOf(random, revisions);
            String b = oneOf(random, revisions);
            Tokens tokens = oneOf(random, List.of(Tokens.values()));
            DiffChecks.roundTrip(a, b, tokens, TextDiff.compare(a, b, tokens));
            DiffChecks.roundTrip(b, a, tokens, TextDiff.compare(b, a, tokens));
        });
    }

    @Test
    void aRealRevisionAgainstItselfHasNoChange() {
        List<String> revisions = RealRevisions.rioGrande();
        check("a real revision against itself", 40, random ->
                DiffChecks.noChange(oneOf(random, revisions), oneOf(random, List.of(Tokens.values()))));
        for (Tokens tokens : Tokens.values()) {
            DiffChecks.noChange(RealRevisions.seedArticle(), tokens);
            DiffChecks.noChange("", tokens);
        }
    }

    @Test
    void randomEditsOfTheSeedArticleRoundTripAndRenderEscaped() {
        String seed = RealRevisions.seedArticle();
        List<String> lines = List.of(seed.split("(?<=\n)"));
        check("random edits of the seed article", 150, random -> {
            String edited = Edit.apply(lines, edits(random), random);
            Tokens tokens = oneOf(random, List.of(Tokens.values()));
            TextComparison comparison = TextDiff.compare(seed, edited, tokens);
            DiffChecks.roundTrip(seed, edited, tokens, comparison);
            DiffChecks.wellFormedHtml(comparison.html("seed", "<old>", "new & improved", 3));
        });
    }

    @Test
    void randomEditsOfRandomTextsRoundTripAndRenderEscaped() {
        check("random edits of random texts", 600, random -> {
            List<String> atoms = listOf(random, ATOMS, 60);
            String from = String.join("", atoms);
            String to = Edit.apply(atoms, edits(random), random);
            Tokens tokens = oneOf(random, List.of(Tokens.values()));
            TextComparison comparison = TextDiff.compare(from, to, tokens);
            DiffChecks.roundTrip(from, to, tokens, comparison);
            DiffChecks.wellFormedHtml(comparison.html("<title>", "a&b", "\"c\"", random.nextInt(4)));
            DiffChecks.noChange(from, tokens);
        });
    }

    /** With tiny budgets every fallback runs (patience anchors, whole replacements): the result is still exact. */
    @Test
    void theFallbacksBeyondTheBudgetsAreExactToo() {
        check("fallbacks beyond the budgets", 400, random -> {
            List<String> atoms = listOf(random, ATOMS, 60);
            String from = String.join("", atoms);
            String to = Edit.apply(atoms, edits(random), random);
            Tokens tokens = oneOf(random, List.of(Tokens.values()));
            TextDiff.Limits limits = new TextDiff.Limits(random.nextInt(60), random.nextInt(60), random.nextInt(30));
            TextComparison comparison = TextDiff.compare(from, to, tokens, limits);
            DiffChecks.roundTrip(from, to, tokens, comparison);
            DiffChecks.wellFormedHtml(comparison.html("t", "a", "b", 0));
        });
    }

    @Test
    void tokensConcatenateToTheTextAndNeverSpanALineBreakOrCutACharacter() {
        check("tokens", 400, random -> {
            String text = String.join("", listOf(random, ATOMS, 60));
            Tokens tokens = oneOf(random, List.of(Tokens.values()));
            List<String> cut = tokens.of(text);
            assertEquals(text, String.join("", cut));
            for (String token : cut) {
                int newline = token.indexOf('\n');
                assertTrue(newline < 0 || newline == token.length() - 1, () -> "spans a line break: " + token);
                assertTrue(!Character.isLowSurrogate(token.charAt(0))
                                && !Character.isHighSurrogate(token.charAt(token.length() - 1)),
                        () -> "cuts a surrogate pair: " + token);
            }
            List<String> byLine = new ArrayList<>();
            for (String line : Tokens.LINE.of(text)) {
                byLine.addAll(tokens.of(line));
            }
            assertEquals(cut, byLine, "the tokens of the text are the tokens of its lines");
            assertEquals(cut.size(), tokens.count(text, 0, text.length()));
        });
    }

    private static List<Edit> edits(Random random) {
        List<Edit> edits = new ArrayList<>();
        for (int i = random.nextInt(9); i > 0; i--) {
            edits.add(new Edit(random.nextDouble(), random.nextInt(9), listOf(random, ATOMS, 6)));
        }
        return edits;
    }

    /** At a relative position in a list of atoms, delete some and insert others (an insertion, deletion or both). */
    private record Edit(double at, int delete, List<String> insert) {

        /** The atoms edited, joined; now and then the final newline is dropped or added. */
        static String apply(List<String> atoms, List<Edit> edits, Random random) {
            List<String> edited = new ArrayList<>(atoms);
            for (Edit edit : edits) {
                int at = (int) (edit.at * edited.size());
                int end = Math.min(edited.size(), at + edit.delete);
                edited.subList(at, end).clear();
                edited.addAll(at, edit.insert);
            }
            String text = String.join("", edited);
            return switch (random.nextInt(6)) {
                case 0 -> text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
                case 1 -> text + "\n";
                default -> text;
            };
        }
    }
}
