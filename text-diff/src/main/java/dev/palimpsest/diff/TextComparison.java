package dev.palimpsest.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of {@link TextDiff#compare}: the two texts' lines in unchanged and changed runs, the changed ones
 * compared in tokens of the granularity. Renders as operations ({@link #operations}), a unified diff or a
 * side-by-side HTML page.
 */
public final class TextComparison {

    private final String from;
    private final String to;
    private final int[] fromLines;
    private final int[] toLines;
    private final Tokens granularity;
    private final List<LineBlock> blocks;
    private final TextDiff.Limits limits;
    private DiffStats stats;

    TextComparison(String from, String to, int[] fromLines, int[] toLines, Tokens granularity,
                   List<LineBlock> blocks, TextDiff.Limits limits) {
        this.from = from;
        this.to = to;
        this.fromLines = fromLines;
        this.toLines = toLines;
        this.granularity = granularity;
        this.blocks = blocks;
        this.limits = limits;
    }

    public Tokens granularity() {
        return granularity;
    }

    /** Whether the two texts are equal. */
    public boolean unchanged() {
        return blocks.stream().allMatch(block -> block instanceof LineBlock.Unchanged);
    }

    /**
     * The operations turning the older text into the newer: runs of equal, deleted and inserted tokens, in order,
     * neighbouring runs of one kind joined. Applying them (keep equal and inserted runs, drop deleted ones) yields
     * the newer text exactly; two equal texts give at most one operation, {@code equal}.
     */
    public List<DiffOperation> operations() {
        Operations operations = new Operations();
        for (LineBlock block : blocks) {
            if (block instanceof LineBlock.Unchanged unchanged) {
                int start = fromLines[unchanged.fromLine()];
                int end = fromLines[unchanged.fromLine() + unchanged.lines()];
                int tokens = granularity == Tokens.LINE ? unchanged.lines() : granularity.count(from, start, end);
                operations.add(DiffOperation.EQUAL, from.substring(start, end), tokens, tokens);
            } else if (block instanceof LineBlock.Changed changed) {
                for (LineBlock.Piece piece : changed.pieces()) {
                    operations.add(piece.op(), piece.text(), piece.fromTokens(), piece.toTokens());
                }
            }
        }
        return operations.finish();
    }

    /**
     * How much changed; see {@link DiffStats} for what each count counts. Computed on first use: the words need a
     * word diff of the changed lines, which a comparison in lines or characters has not made.
     */
    public synchronized DiffStats stats() {
        if (stats != null) {
            return stats;
        }
        int addedTokens = 0;
        int removedTokens = 0;
        int addedLines = 0;
        int removedLines = 0;
        for (LineBlock block : blocks) {
            if (block instanceof LineBlock.Changed changed) {
                addedLines += changed.toLines();
                removedLines += changed.fromLines();
                for (LineBlock.Piece piece : changed.pieces()) {
                    switch (piece.op()) {
                        case DiffOperation.INSERT -> addedTokens += piece.toTokens();
                        case DiffOperation.DELETE -> removedTokens += piece.fromTokens();
                        default -> {
                        }
                    }
                }
            }
        }
        int[] words = TextDiff.wordCounts(blocks, granularity, this, limits);
        stats = new DiffStats(addedTokens, removedTokens, words[0], words[1], addedLines, removedLines);
        return stats;
    }

    /**
     * Like {@code git diff} for one file: {@code ---}/{@code +++} headers with the two names, then hunks of changed
     * lines with up to {@code context} unchanged lines around them (hunks closer than twice that merge), their
     * ranges written as {@code diff -u} and git write them; a last line without a line break is followed by
     * {@code \ No newline at end of file}, so the output applies with {@code patch} or {@code git apply}. Empty when
     * the texts are equal.
     */
    public String unified(String fromName, String toName, int context) {
        List<LineBlock.Changed> changes = blocks.stream().filter(LineBlock.Changed.class::isInstance)
                .map(LineBlock.Changed.class::cast).toList();
        if (changes.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(fromName).append('\n').append("+++ ").append(toName).append('\n');
        int fromCount = fromLines.length - 1;
        int first = 0;
        while (first < changes.size()) {
            int last = first;
            while (last + 1 < changes.size() && (long) changes.get(last + 1).fromLine()
                    - (changes.get(last).fromLine() + changes.get(last).fromLines()) <= 2L * context) {
                last++;
            }
            LineBlock.Changed head = changes.get(first);
            LineBlock.Changed tail = changes.get(last);
            int fromStart = Math.max(0, head.fromLine() - context);
            int fromEnd = (int) Math.min(fromCount, (long) tail.fromLine() + tail.fromLines() + context);
            int toStart = head.toLine() - (head.fromLine() - fromStart);
            int toEnd = tail.toLine() + tail.toLines() + (fromEnd - tail.fromLine() - tail.fromLines());
            out.append("@@ -").append(range(fromStart, fromEnd - fromStart)).append(" +")
                    .append(range(toStart, toEnd - toStart)).append(" @@\n");
            int at = fromStart;
            for (int c = first; c <= last; c++) {
                LineBlock.Changed change = changes.get(c);
                for (; at < change.fromLine(); at++) {
                    unifiedLine(out, ' ', fromLine(at));
                }
                for (int i = 0; i < change.fromLines(); i++) {
                    unifiedLine(out, '-', fromLine(change.fromLine() + i));
                }
                for (int i = 0; i < change.toLines(); i++) {
                    unifiedLine(out, '+', toLine(change.toLine() + i));
                }
                at = change.fromLine() + change.fromLines();
            }
            for (; at < fromEnd; at++) {
                unifiedLine(out, ' ', fromLine(at));
            }
            first = last + 1;
        }
        return out.toString();
    }

    /** A hunk range: {@code start,count} 1-based; the count left out when 1; an empty range names the line before. */
    private static String range(int start, int count) {
        if (count == 0) {
            return start + ",0";
        }
        return count == 1 ? String.valueOf(start + 1) : (start + 1) + "," + count;
    }

    private static void unifiedLine(StringBuilder out, char prefix, String line) {
        out.append(prefix).append(line);
        if (!line.endsWith("\n")) {
            out.append("\n\\ No newline at end of file\n");
        }
    }

    /** A standalone HTML page showing the two texts side by side; see {@link SideBySideHtml}. */
    public String html(String title, String fromLabel, String toLabel, int context) {
        return new SideBySideHtml(this, context).render(title, fromLabel, toLabel);
    }

    /**
     * The side-by-side table of {@link #html} alone (no page around it, no styles), for a page to embed; the same
     * escaping and collapsing. Its classes are those of
     * {@link #html}'s page.
     */
    public String sideBySideTable(String fromLabel, String toLabel, int context) {
        return new SideBySideHtml(this, context).tableOnly(fromLabel, toLabel);
    }

    /** The comparison as one text with deletions and insertions marked where they happened; see {@link InlineHtml}. */
    public String inlineHtml(int context) {
        return new InlineHtml(this, context).render();
    }

    /** The stats in words, e.g. "Word diff: lines +2 −1, words +12 −3". */
    public String statsLine() {
        DiffStats stats = stats();
        String name = granularity.name().substring(0, 1)
                + granularity.name().substring(1).toLowerCase(java.util.Locale.ROOT);
        return name + " diff: lines +" + stats.addedLines() + " \u2212" + stats.removedLines()
                + ", words +" + stats.addedWords() + " \u2212" + stats.removedWords();
    }

    List<LineBlock> blocks() {
        return blocks;
    }

    /** Lines {@code [line, line + count)} of the older text. */
    String fromText(int line, int count) {
        return from.substring(fromLines[line], fromLines[line + count]);
    }

    String toText(int line, int count) {
        return to.substring(toLines[line], toLines[line + count]);
    }

    /** Line {@code line} (0-based) of the older text, with its terminator. */
    String fromLine(int line) {
        return from.substring(fromLines[line], fromLines[line + 1]);
    }

    String toLine(int line) {
        return to.substring(toLines[line], toLines[line + 1]);
    }

    /** Builds operations with positions, joining neighbouring runs of one kind. */
    private static final class Operations {
        private final List<DiffOperation> list = new ArrayList<>();
        private String op;
        private StringBuilder text;
        private int fromStart;
        private int toStart;
        private int fromAt;
        private int toAt;

        void add(String kind, String run, int fromTokens, int toTokens) {
            if (run.isEmpty()) {
                return;
            }
            if (!kind.equals(op)) {
                flush();
                op = kind;
                text = new StringBuilder();
                fromStart = fromAt;
                toStart = toAt;
            }
            text.append(run);
            fromAt += fromTokens;
            toAt += toTokens;
        }

        List<DiffOperation> finish() {
            flush();
            return list;
        }

        private void flush() {
            if (op != null) {
                list.add(new DiffOperation(op, fromStart, fromAt, toStart, toAt, text.toString()));
            }
            op = null;
        }
    }
}
