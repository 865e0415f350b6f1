package dev.palimpsest.query.diff;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.redaction.RedactionMark;

/** The text of a revision for a comparison: a text hidden at its source or redacted cannot be compared (410). */
public final class ComparableText {

    private ComparableText() {
    }

    public static String of(String articleKey, Revision revision) {
        if (revision.redacted()) {
            throw RedactionMark.gone(revision, "so it cannot be compared");
        }
        if (revision.textHidden) {
            throw new ProblemException(QueryProblem.TEXT_HIDDEN, "the text of revision " + revision.revSeq + " of '"
                    + articleKey + "' is hidden at its source, so it cannot be compared");
        }
        return revision.text();
    }
}
