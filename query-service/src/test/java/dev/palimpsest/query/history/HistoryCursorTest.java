package dev.palimpsest.query.history;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryCursorTest {

    private static final EditTimeRange ALL = EditTimeRange.ALL;
    private static final EditTimeRange YEAR_2019 =
            new EditTimeRange(Instant.parse("2019-01-01T00:00:00Z"), Instant.parse("2020-01-01T00:00:00Z"));

    private static String token(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsInBothOrdersWithAndWithoutARange() {
        List<EditTimeRange> ranges = List.of(ALL, YEAR_2019,
                new EditTimeRange(Instant.parse("2019-01-01T00:00:00.5Z"), null),
                new EditTimeRange(null, Instant.parse("2019-01-01T00:00:00Z")));
        for (HistoryOrder order : HistoryOrder.values()) {
            for (EditTimeRange range : ranges) {
                HistoryCursor cursor = new HistoryCursor(order, range,
                        Instant.parse("2019-01-01T00:00:00.123456Z"), 875000001L, 42);
                assertEquals(cursor, HistoryCursor.decode(cursor.encode(), order, range));
            }
        }
    }

    @Test
    void aCursorAsKnownAtAnInstantContinuesOnlyThatListing() {
        Instant knownAt = Instant.parse("2026-01-15T00:00:00.000001Z");
        HistoryCursor cursor = new HistoryCursor(HistoryOrder.DESC, YEAR_2019,
                Instant.parse("2019-01-01T00:00:00.123456Z"), 875000001L, 42, knownAt);
        assertEquals(cursor, HistoryCursor.decode(cursor.encode(), HistoryOrder.DESC, YEAR_2019, knownAt));
        for (Instant other : new Instant[]{null, knownAt.plusNanos(1000)}) {
            assertEquals(QueryProblem.INVALID_CURSOR, assertThrows(ProblemException.class,
                    () -> HistoryCursor.decode(cursor.encode(), HistoryOrder.DESC, YEAR_2019, other)).kind());
        }
        // and one of the listing as it is now continues no listing as known at an instant
        String now = new HistoryCursor(HistoryOrder.DESC, YEAR_2019, Instant.parse("2019-01-01T00:00:00Z"), 1L, 1)
                .encode();
        assertEquals(QueryProblem.INVALID_CURSOR, assertThrows(ProblemException.class,
                () -> HistoryCursor.decode(now, HistoryOrder.DESC, YEAR_2019, knownAt)).kind());
        // a knownAt no stored time can be compared with is no cursor of this service
        String far = token("v4|desc|||2019-01-01T00:00:00Z|1|1|+100000-01-01T00:00:00Z");
        assertEquals(QueryProblem.INVALID_CURSOR, assertThrows(ProblemException.class,
                () -> HistoryCursor.decode(far, HistoryOrder.DESC, ALL, null)).kind());
    }

    @Test
    void theOpenApiExamplesAreRealCursors() {
        assertEquals(new HistoryCursor(HistoryOrder.DESC, ALL, Instant.parse("2019-01-01T00:00:00Z"), 1003L, 3),
                HistoryCursor.decode("djN8ZGVzY3x8fDIwMTktMDEtMDFUMDA6MDA6MDBafDEwMDN8Mw", HistoryOrder.DESC, ALL));
        assertEquals(new HistoryCursor(HistoryOrder.ASC, ALL, Instant.parse("2019-01-01T00:00:00Z"), 1003L, 3),
                HistoryCursor.decode("djN8YXNjfHx8MjAxOS0wMS0wMVQwMDowMDowMFp8MTAwM3wz", HistoryOrder.ASC, ALL));
    }

    @Test
    void isUrlSafeWithoutEscaping() {
        String token = new HistoryCursor(HistoryOrder.DESC, YEAR_2019, Instant.parse("1999-12-31T23:59:59.999999Z"),
                Long.MAX_VALUE, Integer.MAX_VALUE).encode();
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "%%%", "djF8ZGVzY3w", "AAAA"})
    void garbageIsAnInvalidCursorProblem(String garbage) {
        ProblemException e = assertThrows(ProblemException.class,
                () -> HistoryCursor.decode(garbage, HistoryOrder.DESC, ALL));
        assertEquals(QueryProblem.INVALID_CURSOR, e.kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "v2|desc|2019-01-01T00:00:00Z|0|3",            // the previous format, which did not name the range
            "v3|desc|||2019-01-01T00:00:00Z|3",            // missing part
            "v3|desc|||2019-01-01T00:00:00Z|0|3|4",        // extra part
            "v4|desc|||2019-01-01T00:00:00Z|0|3",          // unknown version
            "v3|sideways|||2019-01-01T00:00:00Z|0|3",      // no such order
            "v3|desc|||2019-02-30T00:00:00Z|0|3",          // no such day
            "v3|desc|||yesterday|0|3",
            "v3|desc|soon||2019-01-01T00:00:00Z|0|3",      // a bound that is no instant
            "v3|desc|2020-01-01T00:00:00Z|2019-01-01T00:00:00Z|2019-06-01T00:00:00Z|0|3", // from after to
            "v3|desc|||2019-01-01T00:00:00Z|zero|3",
            "v3|desc|||2019-01-01T00:00:00Z|0|three",
            "v3|desc|||2019-01-01T00:00:00Z|0|0",          // sequence numbers start at 1
            "v3|desc|||2019-01-01T00:00:00Z|0|99999999999"})
    void wellEncodedNonsenseIsRejected(String plain) {
        ProblemException e = assertThrows(ProblemException.class,
                () -> HistoryCursor.decode(token(plain), HistoryOrder.DESC, ALL));
        assertEquals(QueryProblem.INVALID_CURSOR, e.kind());
    }

    @Test
    void aCursorOnlyContinuesItsOwnOrder() {
        String ascending = new HistoryCursor(HistoryOrder.ASC, ALL, Instant.parse("2019-01-01T00:00:00Z"), 0L, 3)
                .encode();
        ProblemException e = assertThrows(ProblemException.class,
                () -> HistoryCursor.decode(ascending, HistoryOrder.DESC, ALL));
        assertEquals(QueryProblem.INVALID_CURSOR, e.kind());
        assertTrue(e.detail().contains("order=asc"), e.detail());
    }

    @Test
    void aCursorOnlyContinuesItsOwnRange() {
        String in2019 = new HistoryCursor(HistoryOrder.DESC, YEAR_2019, Instant.parse("2019-06-01T00:00:00Z"), 0L, 3)
                .encode();
        for (EditTimeRange other : List.of(ALL, new EditTimeRange(YEAR_2019.from(), null),
                new EditTimeRange(YEAR_2019.from(), Instant.parse("2020-01-01T00:00:00.000001Z")))) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> HistoryCursor.decode(in2019, HistoryOrder.DESC, other));
            assertEquals(QueryProblem.INVALID_CURSOR, e.kind());
            assertTrue(e.detail().contains("from=2019-01-01T00:00:00Z and to=2020-01-01T00:00:00Z"), e.detail());
        }
        String unfiltered = new HistoryCursor(HistoryOrder.DESC, ALL, Instant.parse("2019-06-01T00:00:00Z"), 0L, 3)
                .encode();
        ProblemException e = assertThrows(ProblemException.class,
                () -> HistoryCursor.decode(unfiltered, HistoryOrder.DESC, YEAR_2019));
        assertTrue(e.detail().contains("no from or to"), e.detail());
    }
}
