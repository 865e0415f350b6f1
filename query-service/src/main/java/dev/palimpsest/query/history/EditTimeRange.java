package dev.palimpsest.query.history;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.revision.RevisionParameters;

import java.time.Instant;

/**
 * Which edit times a history listing covers: from {@code from} inclusive to {@code to} exclusive, either end open
 * when {@code null}. Half-open, so consecutive ranges ({@code from=A&to=B}, then {@code from=B&to=C}) list every
 * revision exactly once, and {@code from=T&to=T} is empty.
 */
public record EditTimeRange(Instant from, Instant to) {

    /** Every edit time. */
    public static final EditTimeRange ALL = new EditTimeRange(null, null);

    public EditTimeRange {
        if (from != null && to != null && from.isAfter(to)) {
            throw new ProblemException(QueryProblem.INVALID_TIME_RANGE,
                    "from (" + from + ") is after to (" + to + "); from is inclusive, to exclusive");
        }
    }

    /**
     * Parses the raw query parameters, each of which may be absent ({@code null}): ISO-8601 instants, e.g.
     * {@code 2019-01-01T00:00:00Z}.
     *
     * @throws ProblemException {@code invalid-timestamp} for a malformed instant, {@code invalid-time-range} when
     *                          from is after to
     */
    public static EditTimeRange parse(String from, String to) {
        return new EditTimeRange(from == null ? null : RevisionParameters.instant("from", from),
                to == null ? null : RevisionParameters.instant("to", to));
    }

    public boolean isAll() {
        return from == null && to == null;
    }
}
