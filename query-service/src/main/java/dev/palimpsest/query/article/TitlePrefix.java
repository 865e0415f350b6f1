package dev.palimpsest.query.article;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;

/**
 * A title prefix as MediaWiki's Special:PrefixIndex matches it: exactly, code point by code point, so case counts
 * ({@code an} does not find {@code Anarchism}) and {@code %} or {@code _} are ordinary characters. Titles are
 * ordered by code point (the read model stores them in the "C" collation), so the titles with a prefix are exactly
 * those in [{@link #low()}, {@link #high()}): one range scan of an index, with no LIKE pattern to escape.
 *
 * @param low  the prefix itself, the least title that has it
 * @param high the least string after every title with the prefix, or {@code null} when there is none (a prefix of
 *             only U+10FFFF)
 */
public record TitlePrefix(String low, String high) {

    /** Longer than any MediaWiki title (255 bytes of UTF-8): a longer prefix can only be a mistake or an attack. */
    public static final int MAX_LENGTH = 255;

    /**
     * @param raw the {@code prefix} query parameter; {@code null} or empty means every title
     * @return the range, or {@code null} for every title
     * @throws ProblemException {@code invalid-parameter} for a prefix that no title can have
     */
    public static TitlePrefix parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.codePointCount(0, raw.length()) > MAX_LENGTH) {
            throw new ProblemException(QueryProblem.INVALID_PARAMETER,
                    "prefix: longer than " + MAX_LENGTH + " characters, which no title is");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            // PostgreSQL text cannot hold NUL; a lone surrogate is no character (and has no UTF-8 form)
            if (c == '\0' || Character.isSurrogate(c) && !validPair(raw, i)) {
                throw new ProblemException(QueryProblem.INVALID_PARAMETER,
                        "prefix: contains a NUL or an unpaired surrogate, which no title can");
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return new TitlePrefix(raw, successor(raw));
    }

    private static boolean validPair(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
    }

    /**
     * The least string greater than every string starting with {@code prefix} in code point order: the prefix with
     * its last code point incremented (skipping the surrogate range, which no string holds), after dropping trailing
     * code points that cannot be incremented.
     */
    static String successor(String prefix) {
        int end = prefix.length();
        while (end > 0) {
            int last = prefix.codePointBefore(end);
            int start = end - Character.charCount(last);
            if (last < Character.MAX_CODE_POINT) {
                int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
                return prefix.substring(0, start) + new String(Character.toChars(next));
            }
            end = start;
        }
        return null;
    }
}
