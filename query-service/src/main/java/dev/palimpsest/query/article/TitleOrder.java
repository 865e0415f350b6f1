package dev.palimpsest.query.article;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;

import java.util.Locale;

/** Which way the article listing walks (title, key) in code point order. */
public enum TitleOrder {
    /** A to Z, as Special:PrefixIndex and Special:AllPages. */
    ASC,
    DESC;

    /** {@code null} (absent) means {@link #ASC}; otherwise {@code asc} or {@code desc}, in any case. */
    public static TitleOrder parse(String raw) {
        if (raw == null) {
            return ASC;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "asc" -> ASC;
            case "desc" -> DESC;
            default -> throw new ProblemException(QueryProblem.INVALID_PARAMETER,
                    "order: '" + raw + "' is neither asc nor desc");
        };
    }
}
