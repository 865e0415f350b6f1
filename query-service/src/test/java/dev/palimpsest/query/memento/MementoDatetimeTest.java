package dev.palimpsest.query.memento;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MementoDatetimeTest {

    @Test
    void formatsAsAnImfFixdateInGmtWithoutTheFraction() {
        assertEquals("Tue, 20 Jun 2000 18:02:59 GMT", MementoDatetime.format(Instant.parse("2000-06-20T18:02:59Z")));
        assertEquals("Fri, 01 Feb 2019 00:00:00 GMT",
                MementoDatetime.format(Instant.parse("2019-02-01T00:00:00.999999Z")), "two-digit day, no fraction");
    }

    @Test
    void formatsEveryTimeAsTheJdkFormatterDoes() {
        java.time.format.DateTimeFormatter jdk = java.time.format.DateTimeFormatter
                .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US).withZone(java.time.ZoneOffset.UTC);
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(Instant.parse("0001-01-01T00:00:00Z")
                    .getEpochSecond(), Instant.parse("9999-12-31T23:59:59Z").getEpochSecond()), random.nextInt(1_000_000_000));
            assertEquals(jdk.format(instant), MementoDatetime.format(instant), instant.toString());
        }
    }

    @Test
    void anAcceptDatetimeMeansTheEndOfTheSecondItNames() {
        assertEquals(Instant.parse("2000-06-20T18:02:59.999999Z"),
                MementoDatetime.acceptDatetime("Tue, 20 Jun 2000 18:02:59 GMT"));
        assertEquals(Instant.parse("2000-06-20T18:02:59.999999Z"),
                MementoDatetime.acceptDatetime("  Tue, 20 Jun 2000 18:02:59 GMT "));
        assertEquals(Instant.parse("2019-02-01T00:00:00.999999Z"),
                MementoDatetime.acceptDatetime("Fri, 1 Feb 2019 00:00:00 GMT"), "RFC 1123 allows a one-digit day");
        assertEquals(Instant.parse("2019-02-01T00:00:00.999999Z"),
                MementoDatetime.acceptDatetime("Fri, 01 Feb 2019 01:00:00 +0100"), "a numeric zone is RFC 1123 too");
    }

    @Test
    void roundTripsEveryEditTimeToTheSameSecond() {
        for (String edit : new String[]{"2019-02-01T00:00:00Z", "2019-02-01T00:00:00.5Z", "1999-12-31T23:59:59.999999Z"}) {
            Instant instant = Instant.parse(edit);
            Instant asked = MementoDatetime.acceptDatetime(MementoDatetime.format(instant));
            assertEquals(false, asked.isBefore(instant), edit);
            assertEquals(true, asked.minusSeconds(1).isBefore(instant), edit);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2019-01-01T00:00:00Z", "", "Tue, 20 Jun 2000", "Mon, 20 Jun 2000 18:02:59 GMT",
            "Tue, 31 Jun 2000 18:02:59 GMT", "Tue, 20 Jun 2000 25:02:59 GMT", "Tue, 20 Jun 2000 18:02:59 XYZ"})
    void anythingElseIsAnInvalidAcceptDatetime(String header) {
        ProblemException e = assertThrows(ProblemException.class, () -> MementoDatetime.acceptDatetime(header));
        assertEquals(QueryProblem.INVALID_ACCEPT_DATETIME, e.kind());
    }
}
