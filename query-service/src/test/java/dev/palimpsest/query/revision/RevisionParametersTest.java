package dev.palimpsest.query.revision;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RevisionParametersTest {

    @Test
    void revisionNumbersArePositiveWholeNumbers() {
        assertEquals(1, RevisionParameters.revSeq("1"));
        assertEquals(2147483647, RevisionParameters.revSeq("2147483647"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "1.5", "abc", "", " 1", "2147483648", "0x10"})
    void otherRevisionNumbersAreInvalidParameters(String raw) {
        ProblemException e = assertThrows(ProblemException.class, () -> RevisionParameters.revSeq(raw));
        assertEquals(QueryProblem.INVALID_PARAMETER, e.kind());
    }

    @Test
    void instantsMayCarryAnOffset() {
        assertEquals(Instant.parse("2019-01-01T00:00:00Z"), RevisionParameters.instant("t", "2019-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2019-01-01T00:00:00Z"),
                RevisionParameters.instant("t", "2019-01-01T01:00:00+01:00"));
    }

    @Test
    void instantsAreTruncatedToTheStoredPrecision() {
        // PostgreSQL keeps microseconds: 00.0000019 means "at or before 00.000001", not "before 00.000002"
        assertEquals(Instant.parse("2019-01-01T00:00:00.000001Z"),
                RevisionParameters.instant("t", "2019-01-01T00:00:00.000001999Z"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "yesterday", "2019-01-01", "2019-01-01T00:00:00", "2019-02-30T00:00:00Z",
            "1546300800"})
    void missingOrUnparseableInstantsAreInvalidTimestamps(String raw) {
        ProblemException e = assertThrows(ProblemException.class, () -> RevisionParameters.instant("t", raw));
        assertEquals(QueryProblem.INVALID_TIMESTAMP, e.kind());
    }
}
