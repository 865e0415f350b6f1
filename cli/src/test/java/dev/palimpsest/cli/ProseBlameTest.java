package dev.palimpsest.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProseBlameTest {

    private static final ProseBlame.Origin ADA = new ProseBlame.Origin(1, "Ada", "2019-01-01T00:00:00Z");
    private static final ProseBlame.Origin BOB = new ProseBlame.Origin(2, "Bob", "2019-01-02T00:00:00Z");
    private static final String TEXT = "  The river\u00a0rises  in the\nmountains.\n";
    private static final List<String> TOKENS = List.of("The", "river", "rises", "in", "the", "mountains", ".");
    private static final List<int[]> RUNS = List.of(new int[] {1, 2}, new int[] {2, 1}, new int[] {1, 4});
    private static final List<ProseBlame.Share> SHARES = List.of(new ProseBlame.Share("Ada", 6, 0.8571, 1),
            new ProseBlame.Share("Bob", 1, 0.1429, 1));

    @Test
    void theRunsCoverTheWholeTextWithItsWhitespace() {
        List<ProseBlame.Run> runs = ProseBlame.runs(TEXT, TOKENS, RUNS, Map.of(1, ADA, 2, BOB));
        assertEquals(List.of("  The river\u00a0", "rises  ", "in the\nmountains.\n"),
                runs.stream().map(ProseBlame.Run::text).toList());
        assertEquals(TEXT, String.join("", runs.stream().map(ProseBlame.Run::text).toList()));
        assertEquals(List.of(ADA, BOB, ADA), runs.stream().map(ProseBlame.Run::origin).toList());
    }

    @Test
    void withoutColourEachAuthorChangeIsMarkedAndTheLegendFollows() {
        String out = ProseBlame.render(ProseBlame.runs(TEXT, TOKENS, RUNS, Map.of(1, ADA, 2, BOB)), SHARES, false);
        assertTrue(out.startsWith("⟦1⟧  The river\u00a0⟦2⟧rises  ⟦1⟧in the\nmountains.\n\n"), out);
        assertTrue(out.contains("⟦1⟧ Ada") && out.contains(" 85.7 %") && out.contains("⟦2⟧ Bob"), out);
        assertTrue(!out.contains("\u001b["), "no escape codes without colour");
    }

    @Test
    void colouredEachAuthorHasAColourAndTheTextIsUnchanged() {
        String out = ProseBlame.render(ProseBlame.runs(TEXT, TOKENS, RUNS, Map.of(1, ADA, 2, BOB)), SHARES, true);
        assertTrue(out.startsWith(ProseBlame.COLOURS[0] + "  The river\u00a0" + ProseBlame.COLOURS[1] + "rises  "
                + ProseBlame.COLOURS[0] + "in the"), out);
        String plain = out.replaceAll("\u001b\\[[0-9;]*m", "");
        assertEquals(TEXT, plain.substring(0, plain.indexOf("\n\n") + 1));
    }

    @Test
    void theLegendNamesTheMainAuthorsAndSumsUpTheOthers() {
        List<ProseBlame.Share> many = new java.util.ArrayList<>();
        for (int i = 0; i < 14; i++) {
            many.add(new ProseBlame.Share("Author " + i, 14 - i, (14 - i) / 105.0, 1));
        }
        String out = ProseBlame.render(List.of(new ProseBlame.Run(new ProseBlame.Origin(1, "Author 13", ""), 1,
                "word\n")), many, false);
        assertTrue(out.startsWith("⟦·⟧word\n"), out);
        assertTrue(out.contains("⟦12⟧ Author 11") && !out.contains("Author 12 "), out);
        assertTrue(out.contains("⟦·⟧ and 2 other authors") && out.contains("2.9 %") && out.contains("3 tokens"), out);
    }

    @Test
    void porcelainIsOneEscapedLinePerRun() {
        String out = ProseBlame.porcelain(ProseBlame.runs(TEXT, TOKENS, RUNS, Map.of(1, ADA, 2, BOB)));
        assertEquals("1\tAda\t2019-01-01T00:00:00Z\t2\t  The river\u00a0\n"
                + "2\tBob\t2019-01-02T00:00:00Z\t1\trises  \n"
                + "1\tAda\t2019-01-01T00:00:00Z\t4\tin the\\nmountains.\\n\n", out);
    }

    @Test
    void tokensThatAreNotInTheTextAreRefused() {
        assertThrows(IllegalStateException.class, () -> ProseBlame.runs("The sea.", TOKENS, RUNS,
                Map.of(1, ADA, 2, BOB)));
    }
}
