package dev.palimpsest.diff;

/** Text made safe to put between HTML tags or in a quoted attribute. */
final class HtmlText {

    private HtmlText() {
    }

    /**
     * Appends {@code text} with {@code & < > " '} escaped and control characters other than tab and line feed made
     * visible as their Control Pictures symbols, so a text can never inject markup nor hide characters.
     */
    static void escape(CharSequence text, StringBuilder out) {
        escape(text, out, false);
    }

    /** The same, keeping line feeds as they are (for text shown with its line breaks, as in {@code pre}). */
    static void escapeKeepingLines(CharSequence text, StringBuilder out) {
        escape(text, out, true);
    }

    private static void escape(CharSequence text, StringBuilder out, boolean keepLineFeeds) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\t' -> out.append(c);
                default -> {
                    if (c == '\n' && keepLineFeeds) {
                        out.append(c);
                    } else if (c < 0x20) {
                        out.append((char) (0x2400 + c));
                    } else if (c == 0x7F) {
                        out.append('\u2421');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
