package dev.palimpsest.diff;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

class TokensTest {

    /** The shortcuts (an ASCII table, no script look-up below U+2E80) answer as the Unicode properties do. */
    @Test
    void theShortcutsOfTheCharacterClassesAgreeWithTheirPropertiesOnEveryCodePoint() {
        for (int c = Character.MIN_CODE_POINT; c <= Character.MAX_CODE_POINT; c++) {
            if (Tokens.isRunOfLetters(c) != Tokens.isRunOfLettersByProperties(c)
                    || Tokens.isSpace(c) != Tokens.isSpaceByProperties(c)
                    || Tokens.isExtender(c) != Tokens.isExtenderByProperties(c)
                    || Tokens.isIdeographic(c) != Tokens.isIdeographicByScript(c)) {
                fail("the shortcut disagrees on U+" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT));
            }
        }
    }

    @Test
    void wordsAreLetterRunsIdeographsAloneWhitespaceRunsAndPunctuationAlone() {
        assertEquals(List.of("Jasic", " ", "佳", "士", "工", "人", "声", "援", "团", "（", "2018", "）", ":", "  ",
                        "don't", " ", "'", "'", "x", "'", "'", "\n"),
                Tokens.WORD.of("Jasic 佳士工人声援团（2018）:  don't ''x''\n"));
    }

    @Test
    void aWordTokenNeverSplitsACharacterAsARenderedUnit() {
        assertEquals(List.of("cafe\u0301", " ", "😀", "👍🏽", "👨\u200D👩\u200D👧", "🇨🇳", "🇫🇷", "Ἀθῆναι"),
                Tokens.WORD.of("cafe\u0301 😀👍🏽👨\u200D👩\u200D👧🇨🇳🇫🇷Ἀθῆναι"));
        assertEquals(List.of("ひ", "ら", "カ", "タ", "한국어", " ", "단어"), Tokens.WORD.of("ひらカタ한국어 단어"));
    }

    @Test
    void whitespaceEndsAtALineBreak() {
        assertEquals(List.of("a", " \r\n", "\n", "  ", "b"), Tokens.WORD.of("a \r\n\n  b"));
        assertEquals(List.of("a \r\n", "\n", "  b"), Tokens.LINE.of("a \r\n\n  b"));
        assertEquals(List.of("a", "😀", "\r", "\n"), Tokens.CHAR.of("a😀\r\n"));
    }

    @Test
    void wordsCountLettersDigitsAndIdeographsOnly() {
        String text = "佳士 — Jasic, 2018! ''x''";
        assertEquals(5, Tokens.countWords(text, 0, text.length()));
        assertEquals(6, DiffChecks.words(text + " y"));
    }

    @Test
    void theSeedArticlesChineseIsCutIntoIdeographs() {
        String seed = RealRevisions.seedArticle();
        List<String> tokens = Tokens.WORD.of(seed);
        assertEquals(seed, String.join("", tokens));
        long hanTokens = tokens.stream().filter(t -> t.codePoints().anyMatch(Character::isIdeographic)).count();
        assertEquals(seed.codePoints().filter(Character::isIdeographic).count(), hanTokens,
                "each ideograph is a token of its own");
    }

}
