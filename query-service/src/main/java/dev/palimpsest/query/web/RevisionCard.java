package dev.palimpsest.query.web;

import dev.palimpsest.query.readmodel.Revision;

/**
 * One revision as a page shows it: what it is (number, time, author, summary, size) and its text, or a notice
 * instead of a text that is hidden at the source or redacted, never the text.
 *
 * @param isoTime   the edit time as an ISO-8601 instant ({@code <time datetime>}, the timeline's {@code ?t=})
 * @param text      the text, null when {@code notice} says why there is none
 * @param proof     the API path of its transparency-log proof, null when it is not a leaf of the log yet
 * @param logPlace  e.g. "leaf 12 of log 3", or a sentence saying it is not in the log
 */
public record RevisionCard(String articleKey, String title, int revSeq, String time, String isoTime, String author,
                           String comment, String size, String text, String notice, String proof, String logPlace,
                           String articlePath, String apiPath) {

    static RevisionCard of(Revision revision) {
        String notice = null;
        if (revision.redacted()) {
            notice = "This revision's text was redacted by the archive on " + Display.time(revision.redactedAt)
                    + (revision.redactionReason == null || revision.redactionReason.isBlank() ? ""
                    : " (" + revision.redactionReason + ")") + ". It is not shown, and cannot be compared.";
        } else if (revision.textHidden) {
            notice = "This revision's text was hidden at its source (revision deletion). The archive keeps that"
                    + " decision: the text is not shown.";
        }
        boolean inLog = revision.leafIndex != null && revision.logId != null;
        String apiPath = Display.apiPath(revision.articleKey);
        return new RevisionCard(revision.articleKey, revision.pageTitle == null ? revision.articleKey
                : revision.pageTitle, revision.revSeq, Display.time(revision.revTimestamp),
                revision.revTimestamp.toString(), Display.author(revision),
                Display.comment(revision.commentHidden, revision.comment), Display.bytes(revision.revLen),
                notice == null ? revision.text() : null, notice,
                inLog ? apiPath + "/revisions/" + revision.revSeq + "/proof" : null,
                inLog ? "leaf " + revision.leafIndex + " of transparency log " + revision.logId
                        : "not a leaf of the transparency log yet (archived before the log, or still on its way)",
                Display.articlePath(revision.articleKey), apiPath);
    }
}
