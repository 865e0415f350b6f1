package dev.palimpsest.diff;

import java.util.List;

/**
 * A comparison as one text, for a page to embed: the newer text's lines in reading order with what was deleted in
 * {@code <del class="diff-del">} and what was inserted in {@code <ins class="diff-ins">} where it happened, inside
 * one {@code <pre class="diff-inline">}. Unchanged runs longer than twice the context collapse into one line saying
 * how many lines are hidden, as in {@link SideBySideHtml}; every character is escaped the same way.
 */
final class InlineHtml {

    private final TextComparison comparison;
    private final int context;
    private final StringBuilder out = new StringBuilder();

    InlineHtml(TextComparison comparison, int context) {
        this.comparison = comparison;
        this.context = Math.max(0, context);
    }

    String render() {
        out.append("<pre class=\"diff-inline\">");
        List<LineBlock> blocks = comparison.blocks();
        for (int b = 0; b < blocks.size(); b++) {
            if (blocks.get(b) instanceof LineBlock.Unchanged unchanged) {
                unchanged(unchanged, b > 0, b < blocks.size() - 1);
            } else if (blocks.get(b) instanceof LineBlock.Changed changed) {
                for (LineBlock.Piece piece : changed.pieces()) {
                    piece(piece);
                }
            }
        }
        out.append("</pre>\n");
        return out.toString();
    }

    private void unchanged(LineBlock.Unchanged block, boolean afterChange, boolean beforeChange) {
        LineBlock.Shown shown = block.shown(context, afterChange, beforeChange);
        HtmlText.escapeKeepingLines(comparison.toText(block.toLine(), shown.head()), out);
        if (shown.skipped() > 0) {
            out.append("<span class=\"skipped\">\u22ef ").append(SideBySideHtml.skipped(shown.skipped()))
                    .append(" \u22ef</span>\n");
        }
        HtmlText.escapeKeepingLines(comparison.toText(block.toLine() + block.lines() - shown.tail(), shown.tail()),
                out);
    }

    private void piece(LineBlock.Piece piece) {
        switch (piece.op()) {
            case DiffOperation.DELETE -> marked("del", "diff-del", piece.text());
            case DiffOperation.INSERT -> marked("ins", "diff-ins", piece.text());
            default -> HtmlText.escapeKeepingLines(piece.text(), out);
        }
    }

    private void marked(String tag, String cssClass, String text) {
        out.append('<').append(tag).append(" class=\"").append(cssClass).append("\">");
        // a changed line break alone would be invisible: show it
        HtmlText.escapeKeepingLines(text.equals("\n") ? "\u21b5\n" : text, out);
        out.append("</").append(tag).append('>');
    }
}
