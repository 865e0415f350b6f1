package dev.palimpsest.provenance;

import java.util.Arrays;

/**
 * How wikitext is cut into paragraphs and sentences, the two coarse levels WikiWho matches before tokens. A paragraph
 * is a run of non-blank lines; a heading ({@code ==…}) and a table's opening, row and closing lines ({@code {|},
 * {@code |-}, {@code |}}) are paragraphs of their own, so a table's rows move and change one by one. A sentence ends
 * after {@code .}, {@code !} or {@code ?} followed by whitespace, and at every line break.
 */
final class WikitextParagraphs {

    private WikitextParagraphs() {
    }

    /** The paragraphs of {@code text} as {start0, end0, start1, end1, …}, none of them blank. */
    static int[] of(String text) {
        int[] paragraphs = new int[16];
        int count = 0;
        int open = -1;
        int openEnd = -1;
        for (int lineStart = 0; lineStart < text.length(); ) {
            int newline = text.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? text.length() : newline;
            int first = firstNonSpace(text, lineStart, lineEnd);
            boolean alone = first < lineEnd && standsAlone(text, first);
            if (first == lineEnd || alone) {
                if (open >= 0) {
                    paragraphs = add(paragraphs, count, open, openEnd);
                    count += 2;
                    open = -1;
                }
                if (alone) {
                    paragraphs = add(paragraphs, count, lineStart, lineEnd);
                    count += 2;
                }
            } else {
                if (open < 0) {
                    open = lineStart;
                }
                openEnd = lineEnd;
            }
            lineStart = lineEnd + 1;
        }
        if (open >= 0) {
            paragraphs = add(paragraphs, count, open, openEnd);
            count += 2;
        }
        return Arrays.copyOf(paragraphs, count);
    }

    /**
     * Where the sentences of a paragraph end, as token indices (exclusive) into its {@code spans}; the last one is
     * the paragraph's token count.
     */
    static int[] sentenceEnds(String text, int[] spans) {
        int tokens = spans.length / 2;
        int[] ends = new int[Math.max(1, tokens)];
        int count = 0;
        for (int i = 0; i < tokens; i++) {
            boolean last = i == tokens - 1;
            if (last || endsSentence(text, spans, i)) {
                ends[count++] = i + 1;
            }
        }
        return Arrays.copyOf(ends, count);
    }

    private static boolean endsSentence(String text, int[] spans, int i) {
        int end = spans[2 * i + 1];
        int nextStart = spans[2 * i + 2];
        if (nextStart == end) {
            return false;
        }
        for (int at = end; at < nextStart; at++) {
            if (text.charAt(at) == '\n') {
                return true;
            }
        }
        if (end - spans[2 * i] != 1) {
            return false;
        }
        char c = text.charAt(end - 1);
        return c == '.' || c == '!' || c == '?';
    }

    private static boolean standsAlone(String text, int at) {
        return text.startsWith("==", at) || text.startsWith("{|", at) || text.startsWith("|}", at)
                || text.startsWith("|-", at);
    }

    private static int firstNonSpace(String text, int start, int end) {
        int at = start;
        while (at < end && WikitextTokens.isSpace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static int[] add(int[] ranges, int count, int start, int end) {
        int[] grown = count + 2 > ranges.length ? Arrays.copyOf(ranges, ranges.length * 2) : ranges;
        grown[count] = start;
        grown[count + 1] = end;
        return grown;
    }
}
