package dev.palimpsest.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.palimpsest.cli.WordDiff.Kind.DELETE;
import static dev.palimpsest.cli.WordDiff.Kind.EQUAL;
import static dev.palimpsest.cli.WordDiff.Kind.INSERT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The word diff as people see it: coloured on a terminal, wdiff's marks elsewhere, changed lines in context. */
class WordDiffTest {

    private static WordDiff.Run run(WordDiff.Kind kind, String text) {
        return new WordDiff.Run(kind, text);
    }

    /** "labour" became "labor" on line 3 of 6, and a line was added at the end. */
    private static final List<WordDiff.Run> EDIT = List.of(
            run(EQUAL, "Title\n\nA student-led "), run(DELETE, "labour"), run(INSERT, "labor"),
            run(EQUAL, " movement.\nline 4\nline 5\nline 6\n"), run(INSERT, "An added line, 中文 too.\n"));

    @Test
    void plainMarksRemovedAndAddedWordsAndShowsChangedLinesInContext() {
        assertEquals("""
                
                A student-led [-labour-]{+labor+} movement.
                line 4
                …
                line 6
                {+An added line, 中文 too.+}
                """, WordDiff.render(EDIT, false, 1));
    }

    @Test
    void colourStrikesRemovedWordsInRedAndShowsAddedOnesInGreen() {
        String red = "\u001b[31;9m";
        String green = "\u001b[32m";
        String reset = "\u001b[0m";
        assertEquals("A student-led " + red + "labour" + reset + green + "labor" + reset + " movement.\n"
                + "…\n"
                + green + "An added line, 中文 too." + reset + "\n", WordDiff.render(EDIT, true, 0));
    }

    @Test
    void aNegativeContextShowsTheWholeText() {
        assertEquals("Title\n\nA student-led [-labour-]{+labor+} movement.\nline 4\nline 5\nline 6\n"
                + "{+An added line, 中文 too.+}\n", WordDiff.render(EDIT, false, -1));
    }

    @Test
    void aMultiLineChangeIsMarkedOnEachLineItTouches() {
        List<WordDiff.Run> runs = List.of(run(EQUAL, "a\n"), run(DELETE, "old one\nold two\n"), run(EQUAL, "z\n"));
        assertEquals("a\n[-old one-]\n[-old two-]\nz\n", WordDiff.render(runs, false, 1));
        assertEquals("\u001b[31;9mold one\u001b[0m\n\u001b[31;9mold two\u001b[0m\n",
                WordDiff.render(runs, true, 0));
    }

    @Test
    void noChangeShowsNothing() {
        assertEquals("", WordDiff.render(List.of(run(EQUAL, "same\ntext\n")), false, 1));
    }
}
