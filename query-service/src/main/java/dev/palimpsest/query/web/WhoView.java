package dev.palimpsest.query.web;

import java.util.List;

/**
 * Who wrote a revision: its text in pieces coloured by author, and the legend of its main authors.
 *
 * @param latest       whether the revision is the article's latest
 * @param revisionPath the revision's own page
 * @param pieces       the whole text, cut where the author changes
 * @param authors      the main authors, most tokens first
 * @param others       how many authors beyond those the legend colours
 */
public record WhoView(RevisionCard revision, boolean latest, String revisionPath, String historyPath, int tokenCount,
                      List<Piece> pieces, List<Author> authors, int others) {

    /** A piece of the text, its author's colour class and a title naming the author, revision and time. */
    public record Piece(String text, String colour, String title) {
    }

    /** One line of the legend. */
    public record Author(String name, String colour, String share, int tokens, int revisions) {
    }
}
