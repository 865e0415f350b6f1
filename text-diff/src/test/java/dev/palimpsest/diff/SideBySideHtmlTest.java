package dev.palimpsest.diff;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SideBySideHtmlTest {

    @Test
    void changedLinesSitSideBySideWithTheChangedWordsMarkedAndEverythingEscaped() {
        String from = "intro\n<script>alert('x')</script> & more\nsame\n";
        String to = "intro\n<script>alert('y')</script> & more\nsame\nadded <b>\n";
        String html = TextDiff.compare(from, to, Tokens.WORD).html("A & B", "enwiki:1@1", "enwiki:1@2", 3);
        DiffChecks.wellFormedHtml(html);
        assertFalse(html.contains("<script>"));
        assertTrue(html.contains("<tr class=\"changed\"><td class=\"num\">2</td><td class=\"old\">&lt;script&gt;alert"
                + "(&#39;<del class=\"diff-del\">x</del>&#39;)&lt;/script&gt; &amp; more</td><td class=\"num\">2</td>"
                + "<td class=\"new\">&lt;script&gt;alert(&#39;<ins class=\"diff-ins\">y</ins>&#39;)&lt;/script&gt;"
                + " &amp; more</td></tr>"), html);
        assertTrue(html.contains("<tr class=\"changed\"><td class=\"num\"></td><td class=\"old empty\"></td>"
                + "<td class=\"num\">4</td><td class=\"new\"><ins class=\"diff-ins\">added &lt;b&gt;</ins></td></tr>"));
        assertTrue(html.contains("<title>A &amp; B</title>"));
        assertTrue(html.contains("<style>"), "usable standalone: the CSS is inline");
    }

    @Test
    void longUnchangedRunsCollapseToTheContext() {
        StringBuilder from = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            from.append("line ").append(i).append('\n');
        }
        String to = from.toString().replace("line 50\n", "line fifty\n");
        String html = TextDiff.compare(from.toString(), to, Tokens.CHAR).html("t", "a", "b", 2);
        DiffChecks.wellFormedHtml(html);
        assertTrue(html.contains("\u22ef 47 unchanged lines \u22ef"));
        assertTrue(html.contains("\u22ef 48 unchanged lines \u22ef"));
        assertEquals(1 + 5, html.split("<tr>|<tr class=\"changed\">", -1).length - 1,
                "the header, then 2 + 1 + 2 rows");
        String all = TextDiff.compare(from.toString(), to, Tokens.CHAR).html("t", "a", "b", Integer.MAX_VALUE);
        assertFalse(all.contains("unchanged line"));
    }
}
