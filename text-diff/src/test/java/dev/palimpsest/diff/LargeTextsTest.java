package dev.palimpsest.diff;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two ~1 MB texts built from the Rio Grande revisions: the work limits make the diff coarser where it must be, never
 * wrong. (How long they take is measured in the bench module, not asserted here.)
 */
class LargeTextsTest {

    private static final int SIZE = 1_000_000;

    @ParameterizedTest
    @EnumSource(Tokens.class)
    void scatteredEditsThroughAMegabyteRoundTrip(Tokens tokens) {
        String older = megabyte();
        StringBuilder newer = new StringBuilder();
        String[] lines = older.split("(?<=\n)");
        for (int i = 0; i < lines.length; i++) {
            // about 400 edits: a line replaced, one deleted, one added, one with a word changed
            switch (i % 97) {
                case 0 -> newer.append("A replaced line.\n");
                case 30 -> {
                }
                case 60 -> newer.append(lines[i]).append("An added line.\n");
                case 90 -> newer.append(lines[i].replaceFirst(" the ", " a "));
                default -> newer.append(lines[i]);
            }
        }
        TextComparison comparison = TextDiff.compare(older, newer.toString(), tokens);
        DiffChecks.roundTrip(older, newer.toString(), tokens, comparison);
        assertTrue(comparison.stats().removedLines() < 400, "the edits are found, not the whole text replaced");
        DiffChecks.wellFormedHtml(comparison.html("large", "older", "newer", 3));
    }

    @ParameterizedTest
    @EnumSource(Tokens.class)
    void aMegabyteWithEveryLineChangedRoundTrips(Tokens tokens) {
        String older = megabyte();
        StringBuilder newer = new StringBuilder();
        for (String line : older.split("(?<=\n)")) {
            newer.append(line.length() > 1 ? "» " + line : line);
        }
        TextComparison comparison = TextDiff.compare(older, newer.toString(), tokens);
        DiffChecks.roundTrip(older, newer.toString(), tokens, comparison);
        assertTrue(comparison.stats().addedLines() > 1000);
    }

    /** The Rio Grande revisions one after another, about a megabyte. */
    private static String megabyte() {
        List<String> revisions = RealRevisions.rioGrande();
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < SIZE; i = (i + 1) % revisions.size()) {
            text.append(revisions.get(i)).append('\n');
        }
        return text.toString();
    }
}
