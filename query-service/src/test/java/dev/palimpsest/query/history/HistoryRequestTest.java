package dev.palimpsest.query.history;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryRequestTest {

    @Test
    void defaultsAreFiftyNewestFirstFromTheStartOverAllTime() {
        HistoryRequest request = HistoryRequest.parse(null, null, null, null, null);
        assertEquals(50, request.limit());
        assertEquals(HistoryOrder.DESC, request.order());
        assertTrue(request.range().isAll());
        assertNull(request.after());
    }

    @Test
    void acceptsTheWholeRangeAndEitherOrder() {
        assertEquals(1, HistoryRequest.parse("1", "asc", null, null, null).limit());
        assertEquals(500, HistoryRequest.parse("500", "DESC", null, null, null).limit());
        assertEquals(HistoryOrder.ASC, HistoryRequest.parse(null, "Asc", null, null, null).order());
    }

    @Test
    void carriesTheDecodedCursor() {
        EditTimeRange range = new EditTimeRange(Instant.parse("2018-01-01T00:00:00Z"), null);
        HistoryCursor cursor = new HistoryCursor(HistoryOrder.ASC, range, Instant.parse("2019-01-01T00:00:00Z"), 0L, 7);
        assertEquals(cursor, HistoryRequest.parse("10", "asc", "2018-01-01T01:00:00+01:00", null, cursor.encode())
                .after());
    }

    @Test
    void parsesTimeFiltersAsInstantsInAnyOffset() {
        HistoryRequest request = HistoryRequest.parse(null, null, "2019-01-01T01:00:00+01:00", "2019-02-01T00:00:00Z",
                null);
        assertEquals(new EditTimeRange(Instant.parse("2019-01-01T00:00:00Z"), Instant.parse("2019-02-01T00:00:00Z")),
                request.range());
        EditTimeRange empty = HistoryRequest.parse(null, null, "2019-01-01T00:00:00Z", "2019-01-01T00:00:00Z", null)
                .range();
        assertEquals(empty.from(), empty.to(), "an empty range is a valid question with an empty answer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2019-13-01T00:00:00Z", "yesterday", "2019-03-01", "", "1546300800"})
    void malformedTimeFiltersAreInvalidTimestamps(String bad) {
        assertEquals(QueryProblem.INVALID_TIMESTAMP, assertThrows(ProblemException.class,
                () -> HistoryRequest.parse(null, null, bad, null, null)).kind());
        assertEquals(QueryProblem.INVALID_TIMESTAMP, assertThrows(ProblemException.class,
                () -> HistoryRequest.parse(null, null, null, bad, null)).kind());
    }

    @Test
    void fromAfterToIsAnInvalidTimeRange() {
        ProblemException e = assertThrows(ProblemException.class, () -> HistoryRequest.parse(null, null,
                "2019-01-01T00:00:00.000001Z", "2019-01-01T00:00:00Z", null));
        assertEquals(QueryProblem.INVALID_TIME_RANGE, e.kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "501", "1e3", "ten", "", "2147483648"})
    void limitOutsideOneToFiveHundredIsRefused(String limit) {
        ProblemException e = assertThrows(ProblemException.class,
                () -> HistoryRequest.parse(limit, null, null, null, null));
        assertEquals(QueryProblem.INVALID_PARAMETER, e.kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "up", "ascending", "older"})
    void unknownOrderIsRefused(String order) {
        ProblemException e = assertThrows(ProblemException.class,
                () -> HistoryRequest.parse(null, order, null, null, null));
        assertEquals(QueryProblem.INVALID_PARAMETER, e.kind());
    }
}
