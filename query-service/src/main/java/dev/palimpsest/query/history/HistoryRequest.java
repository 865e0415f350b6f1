package dev.palimpsest.query.history;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.revision.RevisionParameters;

import java.time.Instant;

/**
 * A validated request for one page of an article's history.
 *
 * @param range which edit times the listing covers
 * @param after   where the page starts (exclusive), or {@code null} for the first page
 * @param knownAt list as the archive knew the history at this transaction time; null for now
 */
public record HistoryRequest(int limit, HistoryOrder order, EditTimeRange range, HistoryCursor after,
                             Instant knownAt) {

    public static final int DEFAULT_LIMIT = 50;
    /** MediaWiki's {@code rvlimit} maximum for ordinary clients. */
    public static final int MAX_LIMIT = 500;

    /** Parses the raw query parameters, each of which may be absent ({@code null}). */
    public static HistoryRequest parse(String limit, String order, String from, String to, String cursor) {
        return parse(limit, order, from, to, cursor, null);
    }

    /** The same with {@code knownAt} (absent: {@code null}), which a cursor must have been issued for. */
    public static HistoryRequest parse(String limit, String order, String from, String to, String cursor,
                                       String knownAt) {
        HistoryOrder parsedOrder = HistoryOrder.parse(order);
        EditTimeRange range = EditTimeRange.parse(from, to);
        Instant known = RevisionParameters.knownAt(knownAt);
        return new HistoryRequest(parseLimit(limit), parsedOrder, range,
                cursor == null ? null : HistoryCursor.decode(cursor, parsedOrder, range, known), known);
    }

    /** A page size from 1 to {@link #MAX_LIMIT}; {@link #DEFAULT_LIMIT} when absent. */
    public static int parseLimit(String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw limitProblem(raw);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw limitProblem(raw);
        }
        return limit;
    }

    private static ProblemException limitProblem(String raw) {
        return new ProblemException(QueryProblem.INVALID_PARAMETER,
                "limit: '" + raw + "' is not a whole number from 1 to " + MAX_LIMIT);
    }
}
