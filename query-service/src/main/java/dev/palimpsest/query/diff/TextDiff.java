package dev.palimpsest.query.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;

import java.util.ArrayList;
import java.util.List;

/** Diffs two texts with java-diff-utils (Myers), as operations with positions and as a unified diff. */
public final class TextDiff {

    private TextDiff() {
    }

    /**
     * The operations turning {@code from} into {@code to}: runs of equal, deleted and inserted tokens, in order.
     * Applying them (keep equal and inserted runs, drop deleted ones) yields {@code to} exactly.
     */
    public static List<DiffOperation> operations(String from, String to, Tokens tokens) {
        List<String> older = tokens.of(from);
        List<String> newer = tokens.of(to);
        Patch<String> patch = DiffUtils.diff(older, newer);
        List<DiffOperation> operations = new ArrayList<>();
        int fromAt = 0;
        int toAt = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            int fromStart = delta.getSource().getPosition();
            int toStart = delta.getTarget().getPosition();
            if (fromStart > fromAt) {
                operations.add(new DiffOperation("equal", fromAt, fromStart, toAt, toStart,
                        String.join("", older.subList(fromAt, fromStart))));
            }
            int fromEnd = fromStart + delta.getSource().size();
            int toEnd = toStart + delta.getTarget().size();
            if (fromEnd > fromStart) {
                operations.add(new DiffOperation("delete", fromStart, fromEnd, toStart, toStart,
                        String.join("", delta.getSource().getLines())));
            }
            if (toEnd > toStart) {
                operations.add(new DiffOperation("insert", fromEnd, fromEnd, toStart, toEnd,
                        String.join("", delta.getTarget().getLines())));
            }
            fromAt = fromEnd;
            toAt = toEnd;
        }
        if (fromAt < older.size()) {
            operations.add(new DiffOperation("equal", fromAt, older.size(), toAt, newer.size(),
                    String.join("", older.subList(fromAt, older.size()))));
        }
        return operations;
    }

    /** Like {@code git diff} for one file: headers naming the two versions, hunks with three lines of context. */
    public static String unified(String fromName, String from, String toName, String to) {
        List<String> older = lines(from);
        List<String> newer = lines(to);
        Patch<String> patch = DiffUtils.diff(older, newer);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(fromName, toName, older, patch, 3)) + "\n";
    }

    /** The text's lines without their terminators, as unified diffs show them. */
    private static List<String> lines(String text) {
        return Tokens.LINE.of(text).stream()
                .map(line -> line.endsWith("\n") ? line.substring(0, line.length() - 1) : line).toList();
    }
}
