package dev.palimpsest.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * How a text is cut into the units a diff compares. Two guarantees hold for every granularity:
 * <ul>
 *   <li>the tokens of a text, concatenated, are the text exactly (so a diff of tokens rebuilds the other text byte
 *   for byte), and a surrogate pair is never cut;</li>
 *   <li>no token spans a line break: a token ends at the latest just after a {@code '\n'}, so the tokens of a text
 *   are the tokens of its lines, one line after another. That lets a diff compare lines first and cut only the
 *   changed lines into smaller tokens.</li>
 * </ul>
 */
public enum Tokens {
    /** Lines, each with its line terminator ({@code \n} or {@code \r\n}; the last line may have none). */
    LINE,
    /**
     * Words for a reader: a run of letters and digits (with their combining marks, and an apostrophe between two
     * letters, as in {@code don't}) is one token; each Han ideograph, hiragana and katakana character is a token
     * of its own, since Chinese and Japanese do not put spaces between words (Hangul, written with spaces, forms
     * runs like Latin letters); a run of whitespace is one token, ending after a line break; every other
     * character (punctuation, symbols, emoji) is a token of its own, together with what extends it (combining
     * marks, variation selectors, skin tones, zero-width-joined emoji sequences, flag pairs).
     */
    WORD,
    /** Unicode code points (a surrogate pair is one token). */
    CHAR;

    private static final int ZERO_WIDTH_JOINER = 0x200D;
    /** The first code point of the CJK radicals, below which no character is Han, hiragana or katakana. */
    static final int FIRST_CJK = 0x2E80;
    /**
     * ASCII text is most of what a wiki diff cuts, so the classes of the ASCII characters are looked up in a table
     * (built from the same Unicode properties the other characters are tested with) rather than computed each time.
     */
    private static final int ASCII = 128;
    private static final int RUN_OF_LETTERS = 1;
    private static final int SPACE = 2;
    private static final byte[] ASCII_CLASSES = asciiClasses();

    /** The tokens of {@code text}, in order. */
    public List<String> of(String text) {
        List<String> tokens = new ArrayList<>();
        for (int start = 0; start < text.length(); ) {
            int end = end(text, start, text.length());
            tokens.add(text.substring(start, end));
            start = end;
        }
        return tokens;
    }

    /** How many tokens {@code text[start, end)} has; {@code start} must be where a token starts (e.g. a line). */
    public int count(String text, int start, int end) {
        if (this == LINE) {
            int lines = 0;
            for (int at = start; at < end; ) {
                int newline = text.indexOf('\n', at);
                at = newline < 0 || newline >= end ? end : newline + 1;
                lines++;
            }
            return lines;
        }
        int count = 0;
        for (int at = start; at < end; at = end(text, at, end)) {
            count++;
        }
        return count;
    }

    /** Whether a WORD token is a word (letters, digits or an ideograph) rather than whitespace or punctuation. */
    public static boolean isWord(String token) {
        if (token.isEmpty()) {
            return false;
        }
        int first = token.codePointAt(0);
        return Character.isLetterOrDigit(first) || isMark(first);
    }

    /** How many words (see {@link #isWord}) {@code text[start, end)} has. */
    public static int countWords(String text, int start, int end) {
        int words = 0;
        for (int at = start; at < end; at = WORD.end(text, at, end)) {
            if (isWordAt(text, at)) {
                words++;
            }
        }
        return words;
    }

    /** Whether the WORD token starting at {@code at} is a word (see {@link #isWord}). */
    static boolean isWordAt(String text, int at) {
        int first = text.codePointAt(at);
        return Character.isLetterOrDigit(first) || isMark(first);
    }

    /**
     * Where the token starting at {@code start} ends, looking no further than {@code limit}: for callers that cut
     * their own tokens and want this granularity's rules for the rest (a WORD token is a run of letters, one
     * ideograph, a run of whitespace, or one other character with what extends it).
     */
    public int tokenEnd(String text, int start, int limit) {
        return end(text, start, limit);
    }

    /** Where the token starting at {@code start} ends, looking no further than {@code limit}. */
    int end(String text, int start, int limit) {
        return switch (this) {
            case LINE -> {
                int newline = text.indexOf('\n', start);
                yield newline < 0 || newline >= limit ? limit : newline + 1;
            }
            case CHAR -> Math.min(limit, start + Character.charCount(text.codePointAt(start)));
            case WORD -> wordEnd(text, start, limit);
        };
    }

    private static int wordEnd(String text, int start, int limit) {
        int first = text.codePointAt(start);
        int at = start + Character.charCount(first);
        if (first == '\n') {
            return at;
        }
        if (isSpace(first)) {
            while (at < limit) {
                int c = text.codePointAt(at);
                if (!isSpace(c)) {
                    break;
                }
                at += Character.charCount(c);
                if (c == '\n') {
                    return at;
                }
            }
            return at;
        }
        if (isRunOfLetters(first)) {
            while (at < limit) {
                int c = text.codePointAt(at);
                if (isRunOfLetters(c) || isExtender(c)) {
                    at += Character.charCount(c);
                } else if ((c == '\'' || c == '\u2019') && at + 1 < limit
                        && isRunOfLetters(text.codePointAt(at + 1))) {
                    at += 1 + Character.charCount(text.codePointAt(at + 1));
                } else {
                    break;
                }
            }
            return at;
        }
        // an ideograph, punctuation or a symbol: one character, with whatever extends it
        if (isRegionalIndicator(first) && at < limit && isRegionalIndicator(text.codePointAt(at))) {
            at += Character.charCount(text.codePointAt(at));
        }
        while (at < limit) {
            int c = text.codePointAt(at);
            if (!isExtender(c)) {
                break;
            }
            at += Character.charCount(c);
            if (c == ZERO_WIDTH_JOINER && at < limit) {
                int joined = text.codePointAt(at);
                if (joined != '\n' && !isSpace(joined)) {
                    at += Character.charCount(joined);
                }
            }
        }
        return at;
    }

    /** Characters that run together into one word token: letters and digits of scripts that use spaces. */
    static boolean isRunOfLetters(int c) {
        return c < ASCII ? (ASCII_CLASSES[c] & RUN_OF_LETTERS) != 0 : isRunOfLettersByProperties(c);
    }

    static boolean isRunOfLettersByProperties(int c) {
        return (Character.isLetterOrDigit(c) || isMark(c)) && !isIdeographic(c);
    }

    /**
     * Han, hiragana and katakana. No code point below U+2E80 (CJK radicals) is in those scripts (TokensTest checks
     * every code point), which spares most letters the look-up of their script, a binary search.
     */
    static boolean isIdeographic(int c) {
        return c >= FIRST_CJK && isIdeographicByScript(c);
    }

    static boolean isIdeographicByScript(int c) {
        if (Character.isIdeographic(c)) {
            return true;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    static boolean isSpace(int c) {
        return c < ASCII ? (ASCII_CLASSES[c] & SPACE) != 0 : isSpaceByProperties(c);
    }

    static boolean isSpaceByProperties(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static byte[] asciiClasses() {
        byte[] classes = new byte[ASCII];
        for (int c = 0; c < ASCII; c++) {
            classes[c] = (byte) ((isRunOfLettersByProperties(c) ? RUN_OF_LETTERS : 0)
                    | (isSpaceByProperties(c) ? SPACE : 0));
        }
        return classes;
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** Code points that belong to the character before them and must not start a token of their own. */
    static boolean isExtender(int c) {
        return c >= ASCII && isExtenderByProperties(c);
    }

    static boolean isExtenderByProperties(int c) {
        return isMark(c) || c == ZERO_WIDTH_JOINER
                || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) // variation selectors
                || (c >= 0x1F3FB && c <= 0x1F3FF) // emoji skin tones
                || (c >= 0xE0020 && c <= 0xE007F); // emoji tag sequences (subdivision flags)
    }

    private static boolean isRegionalIndicator(int c) {
        return c >= 0x1F1E6 && c <= 0x1F1FF;
    }
}
