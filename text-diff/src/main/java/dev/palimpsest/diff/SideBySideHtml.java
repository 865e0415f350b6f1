package dev.palimpsest.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * A comparison as a standalone HTML page: one table, the older text on the left and the newer on the right, line
 * numbers on both sides, unchanged lines side by side, each changed run of lines paired line by line, with what was
 * deleted in {@code <del class="diff-del">} and what was inserted in {@code <ins class="diff-ins">} at the
 * comparison's granularity (whole lines at {@code line}). The CSS is inline, so the page needs nothing else.
 *
 * <p>Every character of the texts is escaped ({@code & < > " '}; control characters other than tab become their
 * visible Control Pictures symbols), so a text can never inject markup. Large texts: runs of unchanged lines longer
 * than twice the context collapse into one row saying how many lines are hidden, so the page grows with the
 * changes rather than with the texts (a context of {@link Integer#MAX_VALUE} shows everything).
 */
final class SideBySideHtml {

    static final String CSS = """
            body{font-family:system-ui,sans-serif;margin:1em;color:#1f2328}
            h1{font-size:1.2em}
            .stats{color:#59636e}
            table.diff{border-collapse:collapse;width:100%;table-layout:fixed;font-family:ui-monospace,monospace;\
            font-size:13px}
            table.diff col.num{width:4em}
            table.diff th{background:#f6f8fa;border:1px solid #d1d9e0;padding:4px;text-align:left}
            table.diff td{vertical-align:top;padding:0 6px;white-space:pre-wrap;overflow-wrap:anywhere}
            table.diff td.num{color:#59636e;text-align:right;user-select:none;background:#f6f8fa}
            tr.changed td.old{background:#ffebe9}
            tr.changed td.new{background:#e6ffec}
            tr.changed td.empty{background:#f6f8fa}
            tr.skipped td{background:#ddf4ff;color:#59636e;text-align:center;font-style:italic}
            del.diff-del{background:#ff818266;text-decoration:line-through}
            ins.diff-ins{background:#4ac26b66;text-decoration:none}
            """;

    private final TextComparison comparison;
    private final int context;
    private final StringBuilder out = new StringBuilder();

    SideBySideHtml(TextComparison comparison, int context) {
        this.comparison = comparison;
        this.context = Math.max(0, context);
    }

    String render(String title, String fromLabel, String toLabel) {
        out.append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>");
        escape(title);
        out.append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<h1>");
        escape(title);
        out.append("</h1>\n<p class=\"stats\">").append(comparison.statsLine()).append("</p>\n");
        table(fromLabel, toLabel);
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    /** The table alone, for a page of its own to embed (the reader's web UI). */
    String tableOnly(String fromLabel, String toLabel) {
        table(fromLabel, toLabel);
        return out.toString();
    }

    private void table(String fromLabel, String toLabel) {
        out.append("<table class=\"diff\">\n<colgroup><col class=\"num\"><col><col class=\"num\"><col>"
                + "</colgroup>\n<thead><tr><th colspan=\"2\" scope=\"colgroup\">");
        escape(fromLabel);
        out.append("</th><th colspan=\"2\" scope=\"colgroup\">");
        escape(toLabel);
        out.append("</th></tr></thead>\n<tbody>\n");
        List<LineBlock> blocks = comparison.blocks();
        for (int b = 0; b < blocks.size(); b++) {
            if (blocks.get(b) instanceof LineBlock.Unchanged unchanged) {
                unchanged(unchanged, b > 0, b < blocks.size() - 1);
            } else if (blocks.get(b) instanceof LineBlock.Changed changed) {
                changed(changed);
            }
        }
        out.append("</tbody>\n</table>\n");
    }

    private void unchanged(LineBlock.Unchanged block, boolean afterChange, boolean beforeChange) {
        LineBlock.Shown shown = block.shown(context, afterChange, beforeChange);
        for (int i = 0; i < shown.head(); i++) {
            unchangedRow(block.fromLine() + i, block.toLine() + i);
        }
        if (shown.skipped() > 0) {
            out.append("<tr class=\"skipped\"><td colspan=\"4\">\u22ef ").append(skipped(shown.skipped()))
                    .append(" \u22ef</td></tr>\n");
        }
        for (int i = block.lines() - shown.tail(); i < block.lines(); i++) {
            unchangedRow(block.fromLine() + i, block.toLine() + i);
        }
    }

    /** e.g. "47 unchanged lines". */
    static String skipped(int lines) {
        return lines + (lines == 1 ? " unchanged line" : " unchanged lines");
    }

    private void unchangedRow(int fromLine, int toLine) {
        out.append("<tr><td class=\"num\">").append(fromLine + 1).append("</td><td class=\"old\">");
        escape(withoutTerminator(comparison.fromLine(fromLine)));
        out.append("</td><td class=\"num\">").append(toLine + 1).append("</td><td class=\"new\">");
        escape(withoutTerminator(comparison.toLine(toLine)));
        out.append("</td></tr>\n");
    }

    /** A changed run: its old lines beside its new ones, pair by pair, the changed tokens marked. */
    private void changed(LineBlock.Changed block) {
        List<List<Segment>> left = sideLines(block.pieces(), DiffOperation.DELETE);
        List<List<Segment>> right = sideLines(block.pieces(), DiffOperation.INSERT);
        int rows = Math.max(left.size(), right.size());
        for (int row = 0; row < rows; row++) {
            out.append("<tr class=\"changed\">");
            cell(row < left.size() ? left.get(row) : null, block.fromLine() + row, "old", "del", "diff-del");
            cell(row < right.size() ? right.get(row) : null, block.toLine() + row, "new", "ins", "diff-ins");
            out.append("</tr>\n");
        }
    }

    private void cell(List<Segment> line, int number, String side, String tag, String cssClass) {
        if (line == null) {
            out.append("<td class=\"num\"></td><td class=\"").append(side).append(" empty\"></td>");
            return;
        }
        out.append("<td class=\"num\">").append(number + 1).append("</td><td class=\"").append(side).append("\">");
        for (Segment segment : line) {
            if (segment.marked()) {
                out.append('<').append(tag).append(" class=\"").append(cssClass).append("\">");
                escape(segment.text());
                out.append("</").append(tag).append('>');
            } else {
                escape(segment.text());
            }
        }
        out.append("</td>");
    }

    /**
     * One side of a changed run, cut into its lines: the equal pieces and those of {@code changeOp} (delete for the
     * older side, insert for the newer), line terminators dropped.
     */
    private static List<List<Segment>> sideLines(List<LineBlock.Piece> pieces, String changeOp) {
        List<List<Segment>> lines = new ArrayList<>();
        List<Segment> line = new ArrayList<>();
        for (LineBlock.Piece piece : pieces) {
            boolean marked = piece.op().equals(changeOp);
            if (!marked && !piece.op().equals(DiffOperation.EQUAL)) {
                continue;
            }
            String text = piece.text();
            int start = 0;
            while (start < text.length()) {
                int newline = text.indexOf('\n', start);
                int end = newline < 0 ? text.length() : newline + 1;
                String part = withoutTerminator(text.substring(start, end));
                if (!part.isEmpty()) {
                    line.add(new Segment(part, marked));
                } else if (marked) {
                    // a changed line break alone (or an empty line): a visible mark, not an invisible change
                    line.add(new Segment("\u21b5", true));
                }
                if (newline >= 0) {
                    lines.add(line);
                    line = new ArrayList<>();
                }
                start = end;
            }
        }
        if (!line.isEmpty()) {
            lines.add(line);
        }
        return lines;
    }

    static String withoutTerminator(String line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\n') {
            end--;
            if (end > 0 && line.charAt(end - 1) == '\r') {
                end--;
            }
        }
        return line.substring(0, end);
    }

    private void escape(String text) {
        HtmlText.escape(text, out);
    }

    private record Segment(String text, boolean marked) {
    }
}
