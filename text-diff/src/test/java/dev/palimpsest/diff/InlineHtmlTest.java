package dev.palimpsest.diff;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fragments a page embeds: the inline view and the side-by-side table alone. */
class InlineHtmlTest {

    @Test
    void theNewerTextReadsInOrderWithDeletionsAndInsertionsMarkedWhereTheyHappenedAndEverythingEscaped() {
        String from = "intro\n<script>alert('x')</script> & more\nsame\n";
        String to = "intro\n<script>alert('y')</script> & more\nsame\nadded <b>\n";
        String inline = TextDiff.compare(from, to, Tokens.WORD).inlineHtml(3);
        assertFalse(inline.contains("<script>"));
        assertEquals("<pre class=\"diff-inline\">intro\n&lt;script&gt;alert(&#39;<del class=\"diff-del\">x</del>"
                + "<ins class=\"diff-ins\">y</ins>&#39;)&lt;/script&gt; &amp; more\nsame\n"
                + "<ins class=\"diff-ins\">added &lt;b&gt;\n</ins></pre>\n", inline);
    }

    @Test
    void applyingItsMarksGivesBothTextsBack() {
        String from = "one two three\nfour\n";
        String to = "one 2 three\nfour\nfive\n";
        String inline = TextDiff.compare(from, to, Tokens.WORD).inlineHtml(Integer.MAX_VALUE);
        String body = inline.substring("<pre class=\"diff-inline\">".length(), inline.length() - "</pre>\n".length());
        assertEquals(to, body.replaceAll("<del class=\"diff-del\">[^<]*</del>", "").replaceAll("</?ins[^>]*>", ""));
        assertEquals(from, body.replaceAll("<ins class=\"diff-ins\">[^<]*</ins>", "").replaceAll("</?del[^>]*>", ""));
    }

    @Test
    void longUnchangedRunsCollapseToTheContextAndALineBreakAloneIsVisible() {
        StringBuilder from = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            from.append("line ").append(i).append('\n');
        }
        String to = from.toString().replace("line 50\n", "line 50\n\n");
        String inline = TextDiff.compare(from.toString(), to, Tokens.WORD).inlineHtml(2);
        assertTrue(inline.contains("<span class=\"skipped\">\u22ef 48 unchanged lines \u22ef</span>\n"), inline);
        assertTrue(inline.contains("<span class=\"skipped\">\u22ef 48 unchanged lines \u22ef</span>\nline 49\n"),
                inline);
        assertTrue(inline.contains("<ins class=\"diff-ins\">\u21b5\n</ins>"), inline);
        assertTrue(inline.contains("line 52\n<span class=\"skipped\">"), inline);
    }

    @Test
    void theTableAloneHasNoPageAroundIt() {
        TextComparison comparison = TextDiff.compare("a\n", "b\n", Tokens.WORD);
        String table = comparison.sideBySideTable("old & left", "new", 3);
        assertTrue(table.startsWith("<table class=\"diff\">"), table);
        assertTrue(table.endsWith("</table>\n"), table);
        assertTrue(table.contains("old &amp; left"));
        assertFalse(table.contains("<html") || table.contains("<style>"));
        assertEquals("Word diff: lines +1 \u22121, words +1 \u22121", comparison.statsLine());
    }
}
