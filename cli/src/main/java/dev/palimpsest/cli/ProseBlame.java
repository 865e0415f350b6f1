package dev.palimpsest.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A text with who wrote each part of it, as {@code palimpsest blame} prints it: like {@code git blame}, but by runs
 * of words instead of whole lines, since prose is edited a word at a time. The main authors get a colour each on a
 * terminal (the others the terminal's own), or a number in ⟦⟧ otherwise; a legend follows. For scripts, one line per
 * run: origin revision, author, time, token count and the run's text with its line breaks and tabs escaped. The
 * legend names as many authors as there are colours, and sums up the others (marked ⟦·⟧ without colour).
 */
final class ProseBlame {

    /** Foreground colours for the main authors, in legend order; authors beyond them are left uncoloured. */
    static final String[] COLOURS = {"\u001b[31m", "\u001b[32m", "\u001b[33m", "\u001b[34m", "\u001b[35m",
            "\u001b[36m", "\u001b[91m", "\u001b[92m", "\u001b[93m", "\u001b[94m", "\u001b[95m", "\u001b[96m"};
    static final String RESET = "\u001b[0m";

    /** A revision that introduced tokens. */
    record Origin(int revSeq, String author, String time) {
    }

    /** One author's share, in legend order. */
    record Share(String author, int tokens, double share, int revisions) {
    }

    /** A stretch of the text with one origin: {@code text} runs up to the next run's first token. */
    record Run(Origin origin, int tokens, String text) {
    }

    private ProseBlame() {
    }

    /**
     * The text cut into runs: each run's {@code tokens} tokens are found in {@code text} one after another (a token
     * is never whitespace, whitespace separates them), the whitespace before the first token going to the first run
     * and between runs to the run before.
     */
    static List<Run> runs(String text, List<String> tokens, List<int[]> runs, Map<Integer, Origin> origins) {
        List<Run> cut = new ArrayList<>();
        int at = 0;
        int token = 0;
        for (int r = 0; r < runs.size(); r++) {
            int count = runs.get(r)[1];
            int start = r == 0 ? 0 : at;
            for (int k = 0; k < count; k++, token++) {
                int found = text.indexOf(tokens.get(token), at);
                if (found < 0 || whitespaceEnd(text, at) != found) {
                    throw new IllegalStateException("token " + token + " ('" + tokens.get(token) + "') is not where"
                            + " the text has it: the text changed, or the answer is another revision's");
                }
                at = found + tokens.get(token).length();
            }
            int end = r == runs.size() - 1 ? text.length() : whitespaceEnd(text, at);
            cut.add(new Run(origins.get(runs.get(r)[0]), count, text.substring(start, end)));
            at = end;
        }
        if (runs.isEmpty()) {
            cut.add(new Run(null, 0, text));
        }
        return cut;
    }

    /** The text, each run coloured by (or marked with) its author's place in the legend, then the legend. */
    static String render(List<Run> runs, List<Share> authors, boolean coloured) {
        Map<String, Integer> place = new HashMap<>();
        for (int i = 0; i < authors.size(); i++) {
            place.put(authors.get(i).author(), i);
        }
        StringBuilder out = new StringBuilder();
        String lastMark = null;
        for (Run run : runs) {
            String author = run.origin() == null ? null : run.origin().author();
            Integer index = author == null ? null : place.get(author);
            boolean main = index != null && index < COLOURS.length;
            if (coloured) {
                out.append(main ? COLOURS[index] : RESET).append(run.text());
            } else {
                // a mark where the mark changes: runs of other authors side by side share one
                String mark = author == null ? null : "⟦" + (main ? String.valueOf(index + 1) : "·") + "⟧";
                if (mark != null && !mark.equals(lastMark)) {
                    out.append(mark);
                }
                out.append(run.text());
                lastMark = mark;
            }
        }
        if (coloured) {
            out.append(RESET);
        }
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        out.append('\n');
        int others = 0;
        int otherTokens = 0;
        double otherShare = 0;
        for (int i = 0; i < authors.size(); i++) {
            Share share = authors.get(i);
            if (i >= COLOURS.length) {
                others++;
                otherTokens += share.tokens();
                otherShare += share.share();
                continue;
            }
            String mark = coloured ? COLOURS[i] + "\u25a0" + RESET : "⟦" + (i + 1) + "⟧";
            out.append(String.format(Locale.ROOT, "%s %-30s %5.1f %%  %,7d tokens  %,d revision%s%n", mark,
                    share.author(), 100 * share.share(), share.tokens(), share.revisions(),
                    share.revisions() == 1 ? "" : "s"));
        }
        if (others > 0) {
            out.append(String.format(Locale.ROOT, "%s %-30s %5.1f %%  %,7d tokens%n", coloured ? " " : "⟦·⟧",
                    "and " + others + " other author" + (others == 1 ? "" : "s"), 100 * otherShare, otherTokens));
        }
        return out.toString();
    }

    /** One line per run, tab-separated: revSeq, author, time, tokens, text (\\ \n \r \t escaped). */
    static String porcelain(List<Run> runs) {
        StringBuilder out = new StringBuilder();
        for (Run run : runs) {
            Origin origin = run.origin();
            out.append(origin == null ? "" : origin.revSeq()).append('\t')
                    .append(origin == null ? "" : origin.author()).append('\t')
                    .append(origin == null ? "" : origin.time()).append('\t')
                    .append(run.tokens()).append('\t')
                    .append(run.text().replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
                            .replace("\t", "\\t"))
                    .append('\n');
        }
        return out.toString();
    }

    private static int whitespaceEnd(String text, int from) {
        int at = from;
        // what provenance's tokens take for whitespace: no-break spaces too
        while (at < text.length() && (Character.isWhitespace(text.charAt(at)) || Character.isSpaceChar(text.charAt(at)))) {
            at++;
        }
        return at;
    }
}
