package dev.palimpsest.query.article;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArticleCursorTest {

    private static String token(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCursorAsKnownAtAnInstantContinuesOnlyThatListing() {
        Instant knownAt = Instant.parse("2026-01-15T00:00:00Z");
        ArticleCursor cursor = new ArticleCursor(TitleOrder.ASC, "Ja", "Jasic", "k", knownAt);
        assertEquals(cursor, ArticleCursor.decode(cursor.encode(), TitleOrder.ASC, "Ja", knownAt));
        assertEquals(QueryProblem.INVALID_CURSOR, assertThrows(ProblemException.class,
                () -> ArticleCursor.decode(cursor.encode(), TitleOrder.ASC, "Ja")).kind());
        assertEquals(QueryProblem.INVALID_CURSOR, assertThrows(ProblemException.class,
                () -> ArticleCursor.decode(new ArticleCursor(TitleOrder.ASC, "Ja", "Jasic", "k").encode(),
                        TitleOrder.ASC, "Ja", knownAt)).kind());
    }

    @Test
    void roundTripsTitlesAndKeysWithAnyCharacter() {
        for (TitleOrder order : TitleOrder.values()) {
            ArticleCursor cursor = new ArticleCursor(order, "100%|_", "100%|_ 佳士 \uD83D\uDE00", "enwiki:12|34");
            assertEquals(cursor, ArticleCursor.decode(cursor.encode(), order, "100%|_"));
            ArticleCursor untitled = new ArticleCursor(order, "", "", "k");
            assertEquals(untitled, ArticleCursor.decode(untitled.encode(), order, ""));
        }
        assertTrue(new ArticleCursor(TitleOrder.ASC, "佳", "佳士", "k").encode().matches("[A-Za-z0-9_-]+"));
    }

    @Test
    void theOpenApiExampleIsARealCursor() {
        assertEquals(new ArticleCursor(TitleOrder.ASC, "", "Anarchism", "enwiki:12"),
                ArticleCursor.decode("YTF8YXNjfHxRVzVoY21Ob2FYTnR8Wlc1M2FXdHBPakV5", TitleOrder.ASC, ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "AAAA"})
    void garbageIsRefused(String garbage) {
        assertEquals(QueryProblem.INVALID_CURSOR, assertThrows(ProblemException.class,
                () -> ArticleCursor.decode(garbage, TitleOrder.ASC, "")).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a1|asc||", "a1|asc|||", "a2|asc|||aw", "a1|up|||aw", "a1|asc|!!||aw", "a1|asc||||aw"})
    void wellEncodedNonsenseIsRefused(String plain) {
        assertEquals(QueryProblem.INVALID_CURSOR, assertThrows(ProblemException.class,
                () -> ArticleCursor.decode(token(plain), TitleOrder.ASC, "")).kind());
    }

    @Test
    void aCursorOnlyContinuesItsOwnPrefixAndOrder() {
        String token = new ArticleCursor(TitleOrder.ASC, "Ja", "Jasic", "k").encode();
        assertEquals(QueryProblem.INVALID_CURSOR, assertThrows(ProblemException.class,
                () -> ArticleCursor.decode(token, TitleOrder.ASC, "J")).kind());
        assertEquals(QueryProblem.INVALID_CURSOR, assertThrows(ProblemException.class,
                () -> ArticleCursor.decode(token, TitleOrder.ASC, "")).kind());
        ProblemException e = assertThrows(ProblemException.class,
                () -> ArticleCursor.decode(token, TitleOrder.DESC, "Ja"));
        assertTrue(e.detail().contains("order=asc"), e.detail());
    }
}
