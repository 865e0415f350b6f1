package dev.palimpsest.problem;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP layer's kinds of error: one per status, each with its own stable type. */
class HttpProblemTest {

    @Test
    void eachStatusHasOneKindAndEachKindItsOwnType() {
        Map<Integer, HttpProblem> byStatus = Arrays.stream(HttpProblem.values())
                .collect(Collectors.toMap(HttpProblem::status, Function.identity()));
        assertEquals(HttpProblem.values().length, byStatus.size(), "one kind per status");
        assertEquals(HttpProblem.values().length,
                Arrays.stream(HttpProblem.values()).map(HttpProblem::type).distinct().count(), "one type per kind");
        for (HttpProblem kind : HttpProblem.values()) {
            assertTrue(kind.slug().matches("[a-z]+(-[a-z]+)*"), kind.slug());
            assertEquals(ProblemKind.TYPE_BASE + kind.slug(), kind.type());
            assertEquals(kind, HttpProblem.forStatus(kind.status()));
        }
    }

    @Test
    void theCodecsRefusalsHaveKindsOfTheirOwn() {
        assertEquals("https://palimpsest.dev/problems/uri-too-long", HttpProblem.forStatus(414).type());
        assertEquals("https://palimpsest.dev/problems/header-fields-too-large", HttpProblem.forStatus(431).type());
        assertEquals("https://palimpsest.dev/problems/payload-too-large", HttpProblem.forStatus(413).type());
        assertEquals("https://palimpsest.dev/problems/bad-request", HttpProblem.forStatus(400).type());
    }

    @Test
    void aStatusWithoutAKindOfItsOwnFallsBackToItsClass() {
        assertEquals(HttpProblem.BAD_REQUEST, HttpProblem.forStatus(418));
        assertEquals(HttpProblem.INTERNAL, HttpProblem.forStatus(502));
    }

    @Test
    void theBodyWrittenOffTheRestLayerIsTheProblemAsJson() {
        assertEquals("{\"type\":\"https://palimpsest.dev/problems/uri-too-long\",\"title\":\"URI too long\","
                        + "\"status\":414,\"detail\":\"too long\"}",
                InvalidRequestProblems.json(Problem.of(HttpProblem.URI_TOO_LONG, "too long", null)));
        assertEquals("{\"type\":\"https://palimpsest.dev/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
                        + "\"instance\":\"/x\"}",
                InvalidRequestProblems.json(Problem.of(HttpProblem.NOT_FOUND, null, "/x")));
    }
}
