package dev.palimpsest.query.diff;

import dev.palimpsest.diff.Tokens;
import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a diff is asked for: the tokens, the output format and, for unified and HTML output, the unchanged lines shown
 * around each change. Malformed values are 400 problems naming the parameter.
 */
record DiffRequest(Tokens granularity, DiffFormat format, int context) {

    static final int DEFAULT_CONTEXT = 3;
    static final int MAX_CONTEXT = 1_000_000;

    static DiffRequest parse(String granularity, String format, String context) {
        return new DiffRequest(choice("granularity", granularity, Tokens.LINE, Tokens.class),
                choice("format", format, DiffFormat.JSON, DiffFormat.class), context(context));
    }

    private static int context(String raw) {
        if (raw == null) {
            return DEFAULT_CONTEXT;
        }
        try {
            int lines = Integer.parseInt(raw.trim());
            if (lines >= 0 && lines <= MAX_CONTEXT) {
                return lines;
            }
        } catch (NumberFormatException e) {
            // answered below, the same as a number out of range
        }
        throw new ProblemException(QueryProblem.INVALID_PARAMETER,
                "context: '" + raw + "' is not a number of lines from 0 to " + MAX_CONTEXT);
    }

    private static <E extends Enum<E>> E choice(String name, String value, E fallback, Class<E> type) {
        if (value == null) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
                return constant;
            }
        }
        throw new ProblemException(QueryProblem.INVALID_PARAMETER, name + ": '" + value + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
    }

    String granularityName() {
        return granularity.name().toLowerCase(Locale.ROOT);
    }
}
