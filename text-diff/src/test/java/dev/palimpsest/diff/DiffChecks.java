package dev.palimpsest.diff;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every diff must satisfy, checked the same way by every test. */
final class DiffChecks {

    /** The only markup the HTML page may contain; everything else must be escaped text. */
    private static final Pattern MARKUP = Pattern.compile("<!DOCTYPE html>|</?(html|head|body|title|style|h1|p|table"
            + "|colgroup|thead|tbody|tr|th|td|del|ins)( (class|colspan|scope)=\"[a-z0-9 -]+\")*>|<meta charset=\"utf-8\">"
            + "|<col( class=\"num\")?>");
    private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt|quot|#39);");

    private DiffChecks() {
    }

    /**
     * Applies operations to the older text: equal and deleted runs must be the older text's tokens at their
     * positions, inserted runs go at their positions in the newer text; the result is returned.
     */
    static String apply(String from, List<DiffOperation> operations, Tokens tokens) {
        List<String> older = tokens.of(from);
        StringBuilder to = new StringBuilder();
        int fromAt = 0;
        int toAt = 0;
        for (DiffOperation op : operations) {
            assertEquals(fromAt, op.fromStart(), "operations are contiguous in the older text");
            assertEquals(toAt, op.toStart(), "operations are contiguous in the newer text");
            assertFalse(op.text().isEmpty(), "no empty operation");
            String run = String.join("", older.subList(op.fromStart(), op.fromEnd()));
            switch (op.op()) {
                case DiffOperation.EQUAL -> {
                    assertEquals(run, op.text());
                    assertEquals(op.fromEnd() - op.fromStart(), op.toEnd() - op.toStart());
                    to.append(run);
                }
                case DiffOperation.DELETE -> {
                    assertEquals(run, op.text());
                    assertEquals(op.toStart(), op.toEnd());
                }
                case DiffOperation.INSERT -> {
                    assertEquals(op.fromStart(), op.fromEnd());
                    assertEquals(op.toEnd() - op.toStart(), tokens.of(op.text()).size());
                    to.append(op.text());
                }
                default -> throw new AssertionError(op.op());
            }
            fromAt = op.fromEnd();
            toAt = op.toEnd();
        }
        assertEquals(older.size(), fromAt, "the operations cover the older text");
        return to.toString();
    }

    /** The operations rebuild {@code to} exactly, and the stats agree with them. */
    static void roundTrip(String from, String to, Tokens tokens, TextComparison comparison) {
        List<DiffOperation> operations = comparison.operations();
        assertEquals(to, apply(from, operations, tokens));
        DiffStats stats = comparison.stats();
        assertEquals(operations.stream().filter(op -> op.op().equals(DiffOperation.INSERT))
                .mapToInt(op -> op.toEnd() - op.toStart()).sum(), stats.addedTokens());
        assertEquals(operations.stream().filter(op -> op.op().equals(DiffOperation.DELETE))
                .mapToInt(op -> op.fromEnd() - op.fromStart()).sum(), stats.removedTokens());
        assertEquals(tokens.of(to).size() - tokens.of(from).size(), stats.addedTokens() - stats.removedTokens());
        assertEquals(Tokens.LINE.of(to).size() - Tokens.LINE.of(from).size(),
                stats.addedLines() - stats.removedLines());
        assertEquals(words(to) - words(from), stats.addedWords() - stats.removedWords());
        if (tokens == Tokens.WORD) {
            // the word counts are those of the word diff's own insertions and deletions
            assertEquals(operations.stream().filter(op -> op.op().equals(DiffOperation.INSERT))
                    .mapToInt(op -> words(op.text())).sum(), stats.addedWords());
            assertEquals(operations.stream().filter(op -> op.op().equals(DiffOperation.DELETE))
                    .mapToInt(op -> words(op.text())).sum(), stats.removedWords());
        }
        assertEquals(to, applyUnified(from, comparison.unified("a", "b", 3)), "the unified diff applies");
        assertEquals(to, applyUnified(from, comparison.unified("a", "b", 0)), "the unified diff applies");
    }

    /** Applies a unified diff as {@code patch} would, checking every context and removed line against the text. */
    static String applyUnified(String from, String unified) {
        if (unified.isEmpty()) {
            return from;
        }
        List<String> older = Tokens.LINE.of(from);
        List<String> lines = List.of(unified.split("\n", -1));
        assertTrue(lines.get(0).startsWith("--- ") && lines.get(1).startsWith("+++ "));
        assertEquals("", lines.get(lines.size() - 1), "ends with a line break");
        Pattern hunk = Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@");
        StringBuilder to = new StringBuilder();
        int at = 0;
        for (int i = 2; i < lines.size() - 1; ) {
            String headerLine = lines.get(i);
            Matcher header = hunk.matcher(headerLine);
            assertTrue(header.matches(), () -> "not a hunk header: " + headerLine);
            int start = Integer.parseInt(header.group(1));
            int count = header.group(2) == null ? 1 : Integer.parseInt(header.group(2));
            int hunkStart = count == 0 ? start : start - 1;
            assertTrue(hunkStart >= at, "hunks in order");
            while (at < hunkStart) {
                to.append(older.get(at++));
            }
            int removedOrKept = 0;
            for (i++; i < lines.size() - 1 && !lines.get(i).startsWith("@@"); i++) {
                String line = lines.get(i);
                boolean noNewline = i + 1 < lines.size() && lines.get(i + 1).equals("\\ No newline at end of file");
                String content = line.substring(1) + (noNewline ? "" : "\n");
                switch (line.charAt(0)) {
                    case ' ' -> {
                        assertEquals(older.get(at++), content);
                        to.append(content);
                        removedOrKept++;
                    }
                    case '-' -> {
                        assertEquals(older.get(at++), content);
                        removedOrKept++;
                    }
                    case '+' -> to.append(content);
                    default -> throw new AssertionError("unexpected line in a hunk: " + line);
                }
                if (noNewline) {
                    i++;
                }
            }
            assertEquals(count, removedOrKept, "the hunk's old count");
        }
        while (at < older.size()) {
            to.append(older.get(at++));
        }
        return to.toString();
    }

    static int words(String text) {
        return (int) Tokens.WORD.of(text).stream().filter(Tokens::isWord).count();
    }

    /** A text against itself: no insertion or deletion, no changed line. */
    static void noChange(String text, Tokens tokens) {
        TextComparison comparison = TextDiff.compare(text, text, tokens);
        assertTrue(comparison.unchanged());
        List<DiffOperation> operations = comparison.operations();
        assertTrue(operations.size() <= 1 && operations.stream().allMatch(op -> op.op().equals(DiffOperation.EQUAL)),
                () -> "not one equal run: " + operations.size() + " operations");
        assertEquals(new DiffStats(0, 0, 0, 0, 0, 0), comparison.stats());
        assertEquals("", comparison.unified("a", "b", 3));
    }

    /**
     * The page holds only its own markup: with the known tags taken out, no {@code <} or {@code >} is left, every
     * {@code &} starts one of the entities the escaping writes, and the tags the rows use are balanced.
     */
    static void wellFormedHtml(String html) {
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.endsWith("</html>\n"));
        String text = MARKUP.matcher(html).replaceAll("");
        int lt = text.indexOf('<');
        assertTrue(lt < 0, () -> "unescaped < at: " + text.substring(lt, Math.min(text.length(), lt + 40)));
        assertFalse(text.contains(">"), "unescaped >");
        String withoutEntities = ENTITY.matcher(text).replaceAll("");
        assertFalse(withoutEntities.contains("&"), "a bare & or an unknown entity");
        for (String tag : List.of("tr", "td", "del", "ins", "table", "tbody")) {
            assertEquals(count(html, "<" + tag + "[ >]"), count(html, "</" + tag + ">"), tag + " balanced");
        }
    }

    private static int count(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
