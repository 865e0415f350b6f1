package dev.palimpsest.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares two texts with Myers' algorithm ({@link MyersDiff}), hierarchically: lines first, then only the changed runs
 * of lines in words or characters. The work is bounded (see {@link EditBudget}), so two megabytes compare in
 * bounded time at every granularity:
 * <ul>
 *   <li>lines: common leading and trailing lines are set aside, then Myers runs on the rest within
 *   {@link #LINE_BUDGET}; beyond it, lines occurring exactly once in each text anchor the texts to each other
 *   (patience diff, {@link PatienceAnchors}) and Myers runs between anchors within a second such budget, a gap
 *   beyond it being anchored in turn or one replacement;</li>
 *   <li>words and characters: each changed run of lines with at most {@link #MAX_REFINED_TOKENS} tokens (both
 *   sides) is compared in tokens by {@link PatienceAnchors} (a long run anchored on its unique tokens first, Myers
 *   between anchors: far-apart revisions stay cheap, ADR 0029), all such runs sharing {@link #REFINE_BUDGET}; a
 *   larger run is reported as all its old tokens deleted and all its new ones inserted, and so is any gap that
 *   cannot be anchored once the budget is spent.</li>
 * </ul>
 * Whatever the limits do, the operations stay exact: applied to the older text they give the newer byte for byte.
 */
public final class TextDiff {

    /** Work (element comparisons plus diagonals visited) Myers may spend on the lines of two texts. */
    public static final long LINE_BUDGET = 10_000_000L;
    /** Work the comparisons in words or characters of one diff's changed runs of lines may spend together. */
    public static final long REFINE_BUDGET = 20_000_000L;
    /** The most tokens (both sides together) a changed run of lines may have to be compared in tokens. */
    public static final int MAX_REFINED_TOKENS = 200_000;

    private TextDiff() {
    }

    /** The bounds of one comparison; tests shrink them to exercise the fallbacks on small texts. */
    record Limits(long lineBudget, long refineBudget, int maxRefinedTokens) {
        static final Limits DEFAULT = new Limits(LINE_BUDGET, REFINE_BUDGET, MAX_REFINED_TOKENS);
    }

    /** Compares {@code from} (the older text) with {@code to} (the newer) in tokens of {@code granularity}. */
    public static TextComparison compare(String from, String to, Tokens granularity) {
        return compare(from, to, granularity, Limits.DEFAULT);
    }

    static TextComparison compare(String from, String to, Tokens granularity, Limits limits) {
        int[] fromLines = lineStarts(from);
        int[] toLines = lineStarts(to);
        List<int[]> changes = lineChanges(from, fromLines, to, toLines, limits.lineBudget());

        EditBudget refining = new EditBudget(limits.refineBudget());
        List<LineBlock> blocks = new ArrayList<>();
        int fromAt = 0;
        int toAt = 0;
        for (int[] change : changes) {
            if (change[0] > fromAt) {
                blocks.add(new LineBlock.Unchanged(fromAt, toAt, change[0] - fromAt));
            }
            String older = from.substring(fromLines[change[0]], fromLines[change[1]]);
            String newer = to.substring(toLines[change[2]], toLines[change[3]]);
            List<LineBlock.Piece> pieces = granularity == Tokens.LINE
                    ? replaced(older, change[1] - change[0], newer, change[3] - change[2])
                    : refine(older, newer, granularity, refining, limits.maxRefinedTokens());
            blocks.add(new LineBlock.Changed(change[0], change[1] - change[0], change[2], change[3] - change[2],
                    pieces));
            fromAt = change[1];
            toAt = change[3];
        }
        if (fromAt < fromLines.length - 1) {
            blocks.add(new LineBlock.Unchanged(fromAt, toAt, fromLines.length - 1 - fromAt));
        }
        return new TextComparison(from, to, fromLines, toLines, granularity, blocks, limits);
    }

    /**
     * Words added and removed: counted in the word diff of the changed runs of lines (the comparison's own pieces
     * when it is in words), within a budget of its own.
     */
    static int[] wordCounts(List<LineBlock> blocks, Tokens granularity, TextComparison comparison, Limits limits) {
        EditBudget budget = new EditBudget(limits.refineBudget());
        int added = 0;
        int removed = 0;
        for (LineBlock block : blocks) {
            if (block instanceof LineBlock.Changed changed) {
                List<LineBlock.Piece> words = granularity == Tokens.WORD ? changed.pieces()
                        : refine(comparison.fromText(changed.fromLine(), changed.fromLines()),
                        comparison.toText(changed.toLine(), changed.toLines()), Tokens.WORD, budget,
                        limits.maxRefinedTokens());
                for (LineBlock.Piece piece : words) {
                    int count = piece.words() >= 0 ? piece.words()
                            : Tokens.countWords(piece.text(), 0, piece.text().length());
                    switch (piece.op()) {
                        case DiffOperation.INSERT -> added += count;
                        case DiffOperation.DELETE -> removed += count;
                        default -> {
                        }
                    }
                }
            }
        }
        return new int[]{added, removed};
    }

    /** The operations turning {@code from} into {@code to}, in tokens of {@code tokens}. */
    public static List<DiffOperation> operations(String from, String to, Tokens tokens) {
        return compare(from, to, tokens).operations();
    }

    /** Where each line starts, and the text's length last: line {@code i} is {@code [starts[i], starts[i+1])}. */
    static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int lines = 0;
        for (int at = 0; at < text.length(); at = Tokens.LINE.end(text, at, text.length())) {
            if (lines == starts.length) {
                starts = Arrays.copyOf(starts, lines * 2);
            }
            starts[lines++] = at;
        }
        starts = Arrays.copyOf(starts, lines + 1);
        starts[lines] = text.length();
        return starts;
    }

    /**
     * The changed runs of lines, in order, as {fromStart, fromEnd, toStart, toEnd}; runs never touch (a run of
     * equal lines lies between two of them).
     */
    private static List<int[]> lineChanges(String from, int[] fromLines, String to, int[] toLines, long budget) {
        // lines as numbers: Myers compares ints, and the map of line texts is garbage once this returns
        PieceIds ids = new PieceIds();
        int[] older = ids.ids(from, fromLines);
        int[] newer = ids.ids(to, toLines);
        int prefix = commonPrefix(older, newer);
        int suffix = commonSuffix(older, newer, prefix);
        int[] olderMiddle = Arrays.copyOfRange(older, prefix, older.length - suffix);
        int[] newerMiddle = Arrays.copyOfRange(newer, prefix, newer.length - suffix);
        // lines are few: Myers' minimal answer on the whole first, as ADR 0008 has it; anchors only beyond its budget
        List<int[]> changes = new EditBudget(budget).changes(olderMiddle, newerMiddle);
        if (changes == null) {
            changes = PatienceAnchors.changes(olderMiddle, newerMiddle, new EditBudget(budget));
        }
        List<int[]> merged = new ArrayList<>();
        for (int[] change : changes) {
            int[] shifted = {change[0] + prefix, change[1] + prefix, change[2] + prefix, change[3] + prefix};
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last[1] == shifted[0] && last[3] == shifted[2]) {
                last[1] = shifted[1];
                last[3] = shifted[3];
            } else if (shifted[1] > shifted[0] || shifted[3] > shifted[2]) {
                merged.add(shifted);
            }
        }
        return merged;
    }

    static int commonPrefix(int[] a, int[] b) {
        int prefix = 0;
        while (prefix < a.length && prefix < b.length && a[prefix] == b[prefix]) {
            prefix++;
        }
        return prefix;
    }

    static int commonSuffix(int[] a, int[] b, int prefix) {
        int suffix = 0;
        while (suffix < a.length - prefix && suffix < b.length - prefix
                && a[a.length - 1 - suffix] == b[b.length - 1 - suffix]) {
            suffix++;
        }
        return suffix;
    }

    /** A changed run of lines as a whole: all its old tokens deleted, all its new ones inserted. */
    private static List<LineBlock.Piece> replaced(String older, int olderTokens, String newer, int newerTokens) {
        Pieces pieces = new Pieces();
        pieces.add(DiffOperation.DELETE, older, olderTokens, 0, -1);
        pieces.add(DiffOperation.INSERT, newer, 0, newerTokens, -1);
        return pieces.list;
    }

    /** A changed run of lines compared in tokens of {@code tokens}, or as a whole beyond the limits. */
    private static List<LineBlock.Piece> refine(String older, String newer, Tokens tokens, EditBudget budget,
                                                int maxTokens) {
        int[] olderStarts = tokenStarts(older, tokens);
        int[] newerStarts = tokenStarts(newer, tokens);
        int olderCount = olderStarts.length - 1;
        int newerCount = newerStarts.length - 1;
        if ((long) olderCount + newerCount > maxTokens) {
            return replaced(older, olderCount, newer, newerCount);
        }
        PieceIds ids = new PieceIds();
        int[] olderIds = ids.ids(older, olderStarts);
        int[] newerIds = ids.ids(newer, newerStarts);
        int prefix = commonPrefix(olderIds, newerIds);
        int suffix = commonSuffix(olderIds, newerIds, prefix);
        List<int[]> changes = PatienceAnchors.changes(Arrays.copyOfRange(olderIds, prefix, olderCount - suffix),
                Arrays.copyOfRange(newerIds, prefix, newerCount - suffix), budget);
        // in words, the stats' word counts come from here: counted per token now rather than by cutting again
        int[] olderWords = tokens == Tokens.WORD ? wordsBefore(older, olderStarts) : null;
        int[] newerWords = tokens == Tokens.WORD ? wordsBefore(newer, newerStarts) : null;
        Pieces pieces = new Pieces();
        int olderAt = 0;
        int newerAt = 0;
        for (int[] change : changes) {
            int olderStart = change[0] + prefix;
            int newerStart = change[2] + prefix;
            pieces.add(DiffOperation.EQUAL, older.substring(olderStarts[olderAt], olderStarts[olderStart]),
                    olderStart - olderAt, newerStart - newerAt, words(olderWords, olderAt, olderStart));
            int olderEnd = change[1] + prefix;
            int newerEnd = change[3] + prefix;
            pieces.add(DiffOperation.DELETE, older.substring(olderStarts[olderStart], olderStarts[olderEnd]),
                    olderEnd - olderStart, 0, words(olderWords, olderStart, olderEnd));
            pieces.add(DiffOperation.INSERT, newer.substring(newerStarts[newerStart], newerStarts[newerEnd]),
                    0, newerEnd - newerStart, words(newerWords, newerStart, newerEnd));
            olderAt = olderEnd;
            newerAt = newerEnd;
        }
        pieces.add(DiffOperation.EQUAL, older.substring(olderStarts[olderAt]), olderCount - olderAt,
                newerCount - newerAt, words(olderWords, olderAt, olderCount));
        return pieces.list;
    }

    /** {@code words[i]}: how many of the first {@code i} tokens are words ({@link Tokens#isWordAt}). */
    private static int[] wordsBefore(String text, int[] tokenStarts) {
        int[] words = new int[tokenStarts.length];
        for (int i = 0; i + 1 < tokenStarts.length; i++) {
            words[i + 1] = words[i] + (Tokens.isWordAt(text, tokenStarts[i]) ? 1 : 0);
        }
        return words;
    }

    /** Words among tokens {@code [start, end)}, or -1 when they were not counted. */
    private static int words(int[] wordsBefore, int start, int end) {
        return wordsBefore == null ? -1 : wordsBefore[end] - wordsBefore[start];
    }

    private static int[] tokenStarts(String text, Tokens tokens) {
        int[] starts = new int[Math.max(16, text.length() / 4)];
        int count = 0;
        for (int at = 0; at < text.length(); at = tokens.end(text, at, text.length())) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = at;
        }
        starts = Arrays.copyOf(starts, count + 1);
        starts[count] = text.length();
        return starts;
    }

    /** Pieces in order, empty ones skipped and neighbours of the same kind joined. */
    private static final class Pieces {
        final List<LineBlock.Piece> list = new ArrayList<>();

        void add(String op, String text, int fromTokens, int toTokens, int words) {
            if (text.isEmpty()) {
                return;
            }
            if (!list.isEmpty() && list.get(list.size() - 1).op().equals(op)) {
                LineBlock.Piece last = list.remove(list.size() - 1);
                list.add(new LineBlock.Piece(op, last.text() + text, last.fromTokens() + fromTokens,
                        last.toTokens() + toTokens, last.words() < 0 || words < 0 ? -1 : last.words() + words));
            } else {
                list.add(new LineBlock.Piece(op, text, fromTokens, toTokens, words));
            }
        }
    }
}
