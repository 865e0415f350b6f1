package dev.palimpsest.query.readmodel;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Array parameters for the read model's multi-row statements ({@code unnest(?::text[], …)}), written as PostgreSQL
 * array literals here rather than by the driver's {@code createArrayOf}: the driver escapes a text element one
 * character at a time, which was 17 % of query-service's CPU rebuilding its read model; here an element without a
 * quote or backslash (nearly all: keys, sha1s, times, titles) is appended whole. The statement casts the parameter
 * to the array type it needs, so the server reads the literal exactly as it read the driver's.
 */
final class ArrayLiterals {

    private ArrayLiterals() {
    }

    /** Sets parameter {@code index} to the array of {@code values} (null elements are SQL nulls). */
    static void set(PreparedStatement statement, int index, Object[] values) throws SQLException {
        statement.setObject(index, of(values), Types.OTHER);
    }

    /**
     * {@code values} as an array literal: {@code {"a","b\"c",NULL}}; every element quoted (so a comma, brace,
     * space or the word NULL inside one stays text) but nulls, a quote or backslash inside one escaped.
     */
    static String of(Object[] values) {
        StringBuilder literal = new StringBuilder(16 + values.length * 24);
        literal.append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                literal.append(',');
            }
            Object value = values[i];
            if (value == null) {
                literal.append("NULL");
                continue;
            }
            String element = value.toString();
            literal.append('"');
            if (element.indexOf('"') < 0 && element.indexOf('\\') < 0) {
                // whole: appending a range of a string goes character by character, a string at once
                literal.append(element);
            } else {
                appendEscaped(literal, element);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }

    private static void appendEscaped(StringBuilder literal, String element) {
        char[] escaped = new char[element.length() * 2];
        int length = 0;
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c == '"' || c == '\\') {
                escaped[length++] = '\\';
            }
            escaped[length++] = c;
        }
        literal.append(escaped, 0, length);
    }
}
