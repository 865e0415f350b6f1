package dev.palimpsest.provenance;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Histories made up so that who wrote each word is known, attributed as the cases ask. */
class ConstructedHistoriesTest {

    private static final String ALICE_INTRO = "The river rises in the San Juan Mountains of Colorado. "
            + "It flows south through New Mexico and forms the border between Texas and Mexico.";
    private static final String BOB_GEOGRAPHY = "== Geography ==\n\nThe basin covers an area of about "
            + "182,000 square miles. Its main tributaries are the Pecos and the Conchos.";
    private static final String CAROL_HISTORY = "== History ==\n\nSpanish explorers reached the river in 1540. "
            + "They called it the Río Bravo del Norte.";

    @Test
    void vandalismAndItsRevertKeepTheOriginalAuthors() {
        ArticleHistory history = new ArticleHistory();
        history.edit("Alice", ALICE_INTRO);
        history.edit("Vandal", ALICE_INTRO.replace("San Juan Mountains", "San Juan LOL POOP Mountains"));
        // not an identity revert: the fixer also adds a sentence while taking the vandalism out
        history.edit("Bob", ALICE_INTRO + " It is about 1,900 miles long.");

        assertEquals(List.of("Vandal", "Vandal"), history.authorsOf(1, "LOL POOP"));
        assertOnly("Alice", history.authorsOf(2, ALICE_INTRO));
        assertOnly("Bob", history.authorsOf(2, "It is about 1,900 miles long."));
    }

    @Test
    void aBlankedLongPageRestoredKeepsItsAuthorsAndTheBlankingIsNoReference() {
        String longText = String.join("\n\n", Collections.nCopies(1, ALICE_INTRO)) + "\n\n"
                + BOB_GEOGRAPHY.replace("== Geography ==\n\n", "") + "\n\n" + CAROL_HISTORY.replace(
                "== History ==\n\n", "") + "\n\n" + "x".repeat(0) + paragraphOfWords(120, "alpha");
        ArticleHistory history = new ArticleHistory();
        history.edit("Alice", longText);
        Attribution blanking = history.edit("Vandal", "BLANKED");
        history.edit("Bob", longText.replace("Colorado.", "Colorado, United States."));

        assertFalse(blanking.reference(), "a blanking must not be what the next revision is compared with");
        assertOnly("Alice", history.authorsOf(2, "It flows south through New Mexico"));
        assertOnly("Alice", history.authorsOf(2, paragraphOfWords(120, "alpha")));
        assertEquals(List.of("Bob", "Bob", "Bob"), history.authorsOf(2, ", United States"));
        assertEquals("Alice", history.authorOf(2, "Colorado", 0));
    }

    @Test
    void aMovedParagraphKeepsItsAuthor() {
        ArticleHistory history = new ArticleHistory();
        history.edit("Alice", ALICE_INTRO);
        history.edit("Bob", ALICE_INTRO + "\n\n" + BOB_GEOGRAPHY);
        history.edit("Carol", ALICE_INTRO + "\n\n" + BOB_GEOGRAPHY + "\n\n" + CAROL_HISTORY);
        history.edit("Dave", CAROL_HISTORY + "\n\n" + ALICE_INTRO + "\n\n" + BOB_GEOGRAPHY);

        assertOnly("Carol", history.authorsOf(3, CAROL_HISTORY));
        assertOnly("Alice", history.authorsOf(3, ALICE_INTRO));
        assertOnly("Bob", history.authorsOf(3, BOB_GEOGRAPHY));
        assertEquals(0, history.attribution(3).added(), "a move introduces nothing");
    }

    @Test
    void aSentenceMovedIntoAnotherParagraphKeepsItsAuthor() {
        ArticleHistory history = new ArticleHistory();
        history.edit("Alice", ALICE_INTRO + "\n\n" + BOB_GEOGRAPHY);
        history.edit("Bob", "It flows south through New Mexico and forms the border between Texas and Mexico. "
                + "The river rises in the San Juan Mountains of Colorado.\n\n" + BOB_GEOGRAPHY);

        assertOnly("Alice", history.authorsOf(1, "It flows south through New Mexico"));
        assertOnly("Alice", history.authorsOf(1, "The river rises in the San Juan Mountains of Colorado."));
    }

    @Test
    void textDeletedAndReinsertedManyRevisionsLaterGoesBackToItsFirstAuthor() {
        ArticleHistory history = new ArticleHistory();
        history.edit("Alice", ALICE_INTRO + "\n\n" + CAROL_HISTORY);
        history.edit("Bob", ALICE_INTRO);
        String text = ALICE_INTRO;
        for (int i = 0; i < 12; i++) {
            text = text + " Fact number " + i + " is recorded.";
            history.edit("Editor" + i, text);
        }
        history.edit("Zed", text + "\n\n" + CAROL_HISTORY);

        int last = 14;
        assertOnly("Alice", history.authorsOf(last, CAROL_HISTORY));
        assertEquals("Editor7", history.authorOf(last, "7", 0));
        assertEquals(0, history.attribution(last).added(), "a reinsertion introduces nothing");
    }

    @Test
    void aReinsertedSentenceWithAChangeKeepsTheRestOfItsAuthorship() {
        ArticleHistory history = new ArticleHistory();
        history.edit("Alice", ALICE_INTRO);
        history.edit("Bob", "The river rises in the San Juan Mountains of Colorado.");
        history.edit("Carol", ALICE_INTRO.replace("south", "southeast"));

        assertEquals("Carol", history.authorOf(2, "southeast", 0));
        assertOnly("Alice", history.authorsOf(2, "forms the border between Texas and Mexico."));
    }

    @Test
    void twoEditorsInterleaving() {
        ArticleHistory history = new ArticleHistory();
        history.edit("Alice", "Anarchism is a political philosophy.");
        history.edit("Bob", "Anarchism is a political philosophy and movement.");
        history.edit("Alice", "Anarchism is a political philosophy and movement that rejects all hierarchy.");
        history.edit("Bob", "Anarchism is a political philosophy and movement that is sceptical of authority and "
                + "rejects all involuntary, coercive forms of hierarchy.");

        assertEquals(List.of("Alice", "Alice", "Alice", "Alice", "Alice"),
                history.authorsOf(3, "Anarchism is a political philosophy"));
        assertEquals(List.of("Bob", "Bob"), history.authorsOf(3, "and movement"));
        assertEquals("Alice", history.authorOf(3, "that", 0));
        assertEquals(List.of("Bob", "Bob", "Bob", "Bob", "Bob"), history.authorsOf(3, "is sceptical of authority and"));
        assertEquals(List.of("Alice", "Alice"), history.authorsOf(3, "rejects all"));
        assertEquals(List.of("Bob", "Bob", "Bob", "Bob", "Bob"), history.authorsOf(3, "involuntary, coercive forms of"));
        assertEquals("Alice", history.authorOf(3, "hierarchy", 0));
        assertEquals("Alice", history.authorOf(3, ".", 0));
    }

    @Test
    void anIdentityRevertOverSeveralRevisionsRestoresTheEarlierAttributionExactly() {
        ArticleHistory history = new ArticleHistory();
        history.edit("Alice", ALICE_INTRO);
        history.edit("Bob", ALICE_INTRO + "\n\n" + BOB_GEOGRAPHY);
        history.edit("Carol", ALICE_INTRO.replace("south", "north") + "\n\n" + BOB_GEOGRAPHY + " Dams hold it back.");
        history.edit("Dave", CAROL_HISTORY + "\n\n" + BOB_GEOGRAPHY.replace("Pecos", "Pecos River"));
        history.edit("Erin", "Nothing remains of what was written here.");
        Attribution revert = history.edit("Frank", ALICE_INTRO + "\n\n" + BOB_GEOGRAPHY);

        assertArrayEquals(history.attribution(1).tokens(), revert.tokens());
        assertEquals(0, revert.added());
        assertTrue(revert.reference());
        // and the revision after the revert is compared with it
        history.edit("Gina", ALICE_INTRO + " Gina adds this.\n\n" + BOB_GEOGRAPHY);
        assertOnly("Alice", history.authorsOf(6, ALICE_INTRO));
        assertOnly("Gina", history.authorsOf(6, "Gina adds this."));
    }

    @Test
    void aDuplicatedParagraphIsNewWhereItIsCopied() {
        ArticleHistory history = new ArticleHistory();
        history.edit("Alice", ALICE_INTRO);
        history.edit("Bob", ALICE_INTRO + "\n\n" + ALICE_INTRO);

        int tokens = WikitextTokens.count(ALICE_INTRO);
        List<String> blame = history.blame(1);
        assertOnly("Alice", blame.subList(0, tokens).stream().map(e -> e.substring(e.lastIndexOf('/') + 1)).toList());
        assertOnly("Bob", blame.subList(tokens, 2 * tokens).stream().map(e -> e.substring(e.lastIndexOf('/') + 1))
                .toList());
    }

    @Test
    void repetitiveSpamIsNoReference() {
        ArticleHistory history = new ArticleHistory();
        history.edit("Alice", ALICE_INTRO);
        Attribution spam = history.edit("Spammer", ALICE_INTRO + "\n\n" + "buy now ".repeat(40));
        history.edit("Bob", ALICE_INTRO + " Bob adds a fact.");

        assertFalse(spam.reference());
        assertOnly("Alice", history.authorsOf(2, ALICE_INTRO));
        assertOnly("Bob", history.authorsOf(2, "Bob adds a fact."));
    }

    @Test
    void caseAndSpacingChangesKeepTheAuthor() {
        ArticleHistory history = new ArticleHistory();
        history.edit("Alice", "The river rises in the mountains.");
        history.edit("Bob", "The River rises   in the\nmountains.");

        assertOnly("Alice", history.authorsOf(1, "The River rises"));
        assertEquals(0, history.attribution(1).added());
    }

    @Test
    void aRevivedRunNeverGivesOneTokenTwice() {
        // the removed tokens hold "xa xb xc xd" twice (removed, revived, removed again); a revision that brings
        // the phrase back twice must not number both copies alike
        ArticleHistory history = new ArticleHistory();
        String a = ALICE_INTRO + "\n\n";
        history.edit("Alice", a + "qa qb qc qd xa xb xc xd");
        history.edit("Bob", ALICE_INTRO);
        history.edit("Carol", a + "xa xb xc xd zz");
        history.edit("Dave", ALICE_INTRO);
        int[] tokens = history.edit("Erin", a + "qa qb qc qd xa xb xc xd xa xb xc xd zz").tokens();
        assertEquals(tokens.length, java.util.Arrays.stream(tokens).distinct().count(),
                "every token of a revision has a number of its own");
    }

    private static String paragraphOfWords(int count, String word) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(word).append(i).append(i % 10 == 9 ? ". " : " ");
        }
        return text.toString().trim();
    }

    private static void assertOnly(String author, List<String> authors) {
        assertFalse(authors.isEmpty(), "no tokens");
        for (String each : authors) {
            assertEquals(author, each, () -> "expected all by " + author + ": " + authors);
        }
    }
}
