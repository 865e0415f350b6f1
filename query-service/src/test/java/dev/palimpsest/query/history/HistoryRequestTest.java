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

class HistoryRequestTest {

    @Test
    void defaultsAreFiftyNewestFirstFromTheStart() {
        HistoryRequest request = HistoryRequest.parse(null, null, null);
        assertEquals(50, request.limit());
        assertEquals(HistoryOrder.DESC, request.order());
        assertNull(request.after());
    }

    @Test
    void acceptsTheWholeRangeAndEitherOrder() {
        assertEquals(1, HistoryRequest.parse("1", "asc", null).limit());
        assertEquals(500, HistoryRequest.parse("500", "DESC", null).limit());
        assertEquals(HistoryOrder.ASC, HistoryRequest.parse(null, "Asc", null).order());
    }

    @Test
    void carriesTheDecodedCursor() {
        HistoryCursor cursor = new HistoryCursor(HistoryOrder.ASC, Instant.parse("2019-01-01T00:00:00Z"), 0L, 7);
        assertEquals(cursor, HistoryRequest.parse("10", "asc", cursor.encode()).after());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "501", "1e3", "ten", "", "2147483648"})
    void limitOutsideOneToFiveHundredIsRefused(String limit) {
        ProblemException e = assertThrows(ProblemException.class, () -> HistoryRequest.parse(limit, null, null));
        assertEquals(QueryProblem.INVALID_PARAMETER, e.kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "up", "ascending", "older"})
    void unknownOrderIsRefused(String order) {
        ProblemException e = assertThrows(ProblemException.class, () -> HistoryRequest.parse(null, order, null));
        assertEquals(QueryProblem.INVALID_PARAMETER, e.kind());
    }
}
