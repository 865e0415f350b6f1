package dev.palimpsest.query.history;

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

class HistoryCursorTest {

    private static String token(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsInBothOrders() {
        for (HistoryOrder order : HistoryOrder.values()) {
            HistoryCursor cursor = new HistoryCursor(order, Instant.parse("2019-01-01T00:00:00.123456Z"), 875000001L, 42);
            assertEquals(cursor, HistoryCursor.decode(cursor.encode(), order));
        }
    }

    @Test
    void isUrlSafeWithoutEscaping() {
        String token = new HistoryCursor(HistoryOrder.DESC, Instant.parse("1999-12-31T23:59:59.999999Z"),
                Long.MAX_VALUE, Integer.MAX_VALUE).encode();
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "%%%", "djF8ZGVzY3w", "AAAA"})
    void garbageIsAnInvalidCursorProblem(String garbage) {
        ProblemException e = assertThrows(ProblemException.class, () -> HistoryCursor.decode(garbage, HistoryOrder.DESC));
        assertEquals(QueryProblem.INVALID_CURSOR, e.kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "v2|desc|2019-01-01T00:00:00Z|3",      // unknown version
            "v2|desc|2019-01-01T00:00:00Z|0",        // missing part
            "v2|desc|2019-01-01T00:00:00Z|0|3|4",    // extra part
            "v1|desc|2019-01-01T00:00:00Z|3",        // an earlier format
            "v2|sideways|2019-01-01T00:00:00Z|0|3",  // no such order
            "v2|desc|2019-02-30T00:00:00Z|0|3",      // no such day
            "v2|desc|yesterday|0|3",
            "v2|desc|2019-01-01T00:00:00Z|zero|3",
            "v2|desc|2019-01-01T00:00:00Z|0|three",
            "v2|desc|2019-01-01T00:00:00Z|0|0",      // sequence numbers start at 1
            "v2|desc|2019-01-01T00:00:00Z|0|99999999999"})
    void wellEncodedNonsenseIsRejected(String plain) {
        ProblemException e = assertThrows(ProblemException.class,
                () -> HistoryCursor.decode(token(plain), HistoryOrder.DESC));
        assertEquals(QueryProblem.INVALID_CURSOR, e.kind());
    }

    @Test
    void aCursorOnlyContinuesItsOwnOrder() {
        String ascending = new HistoryCursor(HistoryOrder.ASC, Instant.parse("2019-01-01T00:00:00Z"), 0L, 3).encode();
        ProblemException e = assertThrows(ProblemException.class,
                () -> HistoryCursor.decode(ascending, HistoryOrder.DESC));
        assertEquals(QueryProblem.INVALID_CURSOR, e.kind());
        assertTrue(e.detail().contains("order=asc"), e.detail());
    }
}
