package dev.palimpsest.ingest.access;

import dev.palimpsest.ingest.IngestProblem;
import dev.palimpsest.problem.ProblemException;

import java.time.Duration;

/** A principal's write bucket is empty: answered 429 with {@code Retry-After} ({@link WriteRateProblems}). */
public class WriteRateExceeded extends ProblemException {

    private final Duration retryAfter;

    public WriteRateExceeded(Duration retryAfter) {
        super(IngestProblem.RATE_LIMITED, "too many writes by this principal; retry after "
                + seconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up and at least 1: what {@code Retry-After} can say (RFC 9110, section 10.2.3). */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration duration) {
        long seconds = duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
