package dev.palimpsest.query.history;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;

import java.util.Locale;

/** Which way a history page walks edit order (rev_timestamp, then source revision id, then rev_seq). */
public enum HistoryOrder {
    /** Oldest first. */
    ASC,
    /** Newest first, as MediaWiki's history page. */
    DESC;

    /** {@code null} (absent) means {@link #DESC}; otherwise {@code asc} or {@code desc}, in any case. */
    public static HistoryOrder parse(String raw) {
        if (raw == null) {
            return DESC;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "asc" -> ASC;
            case "desc" -> DESC;
            default -> throw new ProblemException(QueryProblem.INVALID_PARAMETER,
                    "order: '" + raw + "' is neither asc nor desc");
        };
    }
}
