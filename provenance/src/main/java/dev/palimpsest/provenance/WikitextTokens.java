package dev.palimpsest.provenance;

import dev.palimpsest.diff.Tokens;

import java.util.Arrays;
import java.util.Locale;

/**
 * How wikitext is cut into the tokens provenance attributes, as WikiWho cuts it: words, punctuation and markup
 * symbols, whitespace between them and never part of one. A token is
 * <ul>
 *   <li>a URL ({@code http://}, {@code https://} or {@code ftp://}) up to whitespace or wikitext markup, since a
 *   link's address is written and changed as a whole;</li>
 *   <li>a markup symbol of two or more characters: {@code [[ ]] {{ }} {| |} |- |+ !!} and {@code ||}, a run of two or
 *   more {@code '} (italic, bold) or {@code =} (headings), {@code <!--} and {@code -->};</li>
 *   <li>otherwise a word token of the diff's {@link Tokens#WORD} rules: a run of letters and digits (with an
 *   apostrophe between letters), one ideograph, or one other character with what extends it.</li>
 * </ul>
 * Whitespace separates tokens and is no token. Tokens are compared case-insensitively (WikiWho lowercases the
 * text): {@link #value} is the token lowercased. The rules are versioned as {@link #VERSION}: stored provenance
 * keeps token numbers, not offsets, so a change to them is a new version and a recomputation.
 */
public final class WikitextTokens {

    /** The name of these rules, stored and answered beside every attribution. */
    public static final String VERSION = "wikitext-1";

    private static final String[] SYMBOLS = {"<!--", "-->", "[[", "]]", "{{", "}}", "{|", "|}", "|-", "|+", "||", "!!"};
    private static final String[] URL_SCHEMES = {"http://", "https://", "ftp://"};

    private WikitextTokens() {
    }

    /** The tokens of {@code text[start, end)} as {start0, end0, start1, end1, …}. */
    public static int[] spans(String text, int start, int end) {
        int[] spans = new int[16];
        int count = 0;
        int at = start;
        while (at < end) {
            int c = text.codePointAt(at);
            if (isSpace(c)) {
                at += Character.charCount(c);
                continue;
            }
            int tokenEnd = tokenEnd(text, at, end);
            if (count + 2 > spans.length) {
                spans = Arrays.copyOf(spans, spans.length * 2);
            }
            spans[count++] = at;
            spans[count++] = tokenEnd;
            at = tokenEnd;
        }
        return Arrays.copyOf(spans, count);
    }

    /** The tokens of the whole of {@code text}, as {@link #spans(String, int, int)}. */
    public static int[] spans(String text) {
        return spans(text, 0, text.length());
    }

    /** How many tokens the whole of {@code text} has. */
    public static int count(String text) {
        return spans(text).length / 2;
    }

    /** The token {@code text[start, end)} as it is compared: lowercased. */
    public static String value(String text, int start, int end) {
        return text.substring(start, end).toLowerCase(Locale.ROOT);
    }

    static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static int tokenEnd(String text, int at, int end) {
        int url = urlEnd(text, at, end);
        if (url > at) {
            return url;
        }
        char c = text.charAt(at);
        if ((c == '\'' || c == '=') && at + 1 < end && text.charAt(at + 1) == c) {
            int run = at + 2;
            while (run < end && text.charAt(run) == c) {
                run++;
            }
            return run;
        }
        for (String symbol : SYMBOLS) {
            if (symbol.charAt(0) == c && text.startsWith(symbol, at) && at + symbol.length() <= end) {
                return at + symbol.length();
            }
        }
        return Tokens.WORD.tokenEnd(text, at, end);
    }

    private static int urlEnd(String text, int at, int end) {
        char c = text.charAt(at);
        if (c != 'h' && c != 'H' && c != 'f' && c != 'F') {
            return at;
        }
        for (String scheme : URL_SCHEMES) {
            if (at + scheme.length() < end && text.regionMatches(true, at, scheme, 0, scheme.length())) {
                int run = at + scheme.length();
                while (run < end && !endsUrl(text.charAt(run))) {
                    run++;
                }
                return run;
            }
        }
        return at;
    }

    private static boolean endsUrl(char c) {
        return isSpace(c) || c == '|' || c == '[' || c == ']' || c == '{' || c == '}' || c == '<' || c == '>'
                || c == '"';
    }
}
