package dev.palimpsest.query.article;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TitlePrefixTest {

    private static int byCodePoint(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    @Test
    void absentOrEmptyMeansEveryTitle() {
        assertNull(TitlePrefix.parse(null));
        assertNull(TitlePrefix.parse(""));
    }

    @Test
    void theSuccessorIncrementsTheLastCodePoint() {
        assertEquals("Anarchisn", TitlePrefix.successor("Anarchism"));
        assertEquals("100&", TitlePrefix.successor("100%"));
        assertEquals("100`", TitlePrefix.successor("100_"));
        assertEquals("佳壬", TitlePrefix.successor("佳士"));
        assertEquals("a\uD83D\uDE01", TitlePrefix.successor("a\uD83D\uDE00"), "outside the BMP, as a pair");
        assertEquals("a\uE000", TitlePrefix.successor("a\uD7FF"), "skips the surrogate range");
        assertEquals("b", TitlePrefix.successor("a" + new String(Character.toChars(Character.MAX_CODE_POINT))));
        assertNull(TitlePrefix.successor(new String(Character.toChars(Character.MAX_CODE_POINT))));
    }

    @Test
    void theRangeHoldsExactlyTheTitlesWithThePrefix() {
        List<String> titles = List.of("100", "100%", "100% pure", "1000", "100_", "100&", "Alpha", "alpha", "Äpfel",
                "佳士", "佳士工人", "佳", "\uD83D\uDE00 emoji", "\uD83D\uDE00", "\uD83D\uDE01", "");
        for (String prefix : List.of("100%", "100_", "100", "Alpha", "Ä", "佳士", "\uD83D\uDE00", "a")) {
            TitlePrefix range = TitlePrefix.parse(prefix);
            for (String title : titles) {
                boolean inRange = byCodePoint(title, range.low()) >= 0 && byCodePoint(title, range.high()) < 0;
                assertEquals(title.startsWith(prefix), inRange, prefix + " / " + title);
            }
        }
    }

    @Test
    void upTo255CharactersAreAccepted() {
        assertEquals("x".repeat(255), TitlePrefix.parse("x".repeat(255)).low());
        assertTrue(TitlePrefix.parse("\uD83D\uDE00".repeat(255)).low().length() == 510, "counted in characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000", "\uD83D", "a\uDE00b", "\uDE00\uD83D"})
    void aPrefixNoTitleCanHaveIsRefused(String prefix) {
        ProblemException e = assertThrows(ProblemException.class, () -> TitlePrefix.parse(prefix));
        assertEquals(QueryProblem.INVALID_PARAMETER, e.kind());
    }

    @Test
    void anOverlongPrefixIsRefused() {
        ProblemException e = assertThrows(ProblemException.class, () -> TitlePrefix.parse("x".repeat(256)));
        assertEquals(QueryProblem.INVALID_PARAMETER, e.kind());
    }
}
