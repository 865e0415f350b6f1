package dev.palimpsest.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A diff for people, like {@code git diff --color-words}: the newer text with what was removed in red and struck
 * through and what was added in green; without colour, {@code [-removed-]} and {@code {+added+}} (wdiff's marks).
 * Only the lines that changed are shown, with {@code context} unchanged lines around them; a gap between two shown
 * lines is marked with {@value #GAP}.
 */
final class WordDiff {

    static final String RED_STRUCK = "\u001b[31;9m";
    static final String GREEN = "\u001b[32m";
    static final String RESET = "\u001b[0m";
    static final String GAP = "…";

    enum Kind { EQUAL, DELETE, INSERT }

    /** A run of tokens and what happened to it. */
    record Run(Kind kind, String text) {
    }

    private WordDiff() {
    }

    /**
     * @param context unchanged lines shown around each changed one; negative: the whole text
     */
    static String render(List<Run> runs, boolean colour, int context) {
        List<List<Run>> lines = lines(runs);
        boolean[] shown = new boolean[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            if (context < 0 || changed(lines.get(i))) {
                int from = context < 0 ? i : Math.max(0, i - context);
                int to = context < 0 ? i : Math.min(lines.size() - 1, i + context);
                for (int j = from; j <= to; j++) {
                    shown[j] = true;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        boolean skipped = false;
        for (int i = 0; i < lines.size(); i++) {
            if (!shown[i]) {
                skipped = true;
                continue;
            }
            if (skipped && out.length() > 0) {
                out.append(GAP).append('\n');
            }
            skipped = false;
            for (Run run : lines.get(i)) {
                out.append(mark(run, colour));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Splits runs at line ends, so each line can be shown (and coloured) on its own. */
    static List<List<Run>> lines(List<Run> runs) {
        List<List<Run>> lines = new ArrayList<>();
        List<Run> line = new ArrayList<>();
        for (Run run : runs) {
            String text = run.text();
            int start = 0;
            int newline;
            while ((newline = text.indexOf('\n', start)) >= 0) {
                if (newline > start) {
                    line.add(new Run(run.kind(), text.substring(start, newline)));
                } else if (run.kind() != Kind.EQUAL) {
                    line.add(new Run(run.kind(), "")); // an added or removed line end still marks the line
                }
                lines.add(line);
                line = new ArrayList<>();
                start = newline + 1;
            }
            if (start < text.length()) {
                line.add(new Run(run.kind(), text.substring(start)));
            }
        }
        if (!line.isEmpty()) {
            lines.add(line);
        }
        return lines;
    }

    private static boolean changed(List<Run> line) {
        return line.stream().anyMatch(run -> run.kind() != Kind.EQUAL);
    }

    private static String mark(Run run, boolean colour) {
        if (run.text().isEmpty()) {
            return ""; // a line end added or removed: the line is shown as changed, the break itself is not drawn
        }
        return switch (run.kind()) {
            case EQUAL -> run.text();
            case DELETE -> colour ? RED_STRUCK + run.text() + RESET : "[-" + run.text() + "-]";
            case INSERT -> colour ? GREEN + run.text() + RESET : "{+" + run.text() + "+}";
        };
    }
}
