package dev.palimpsest.query.web;

import java.util.List;

/**
 * One page of an article's history, newest first, as MediaWiki's history page shows it.
 *
 * @param olderPath  the following (older) page, null on the last
 * @param newerPath  the page before (newer), null on the first
 * @param newestPath the first page, null when this is it
 * @param oldestPath the last page, null when this is it
 * @param limits     the page sizes offered, each with its link
 */
public record HistoryView(String articleKey, String title, String articlePath, int revisionCount, List<Row> rows,
                          String olderPath, String newerPath, String newestPath, String oldestPath, int limit,
                          List<Limit> limits) {

    /**
     * One revision of the history.
     *
     * @param change     the size change from the revision before it in edit order, e.g. "+12"
     * @param changeKind "grew", "shrank" or "same", for its colour
     * @param marks      what else is known of it: a revert, a duplicate of the revision before, hidden parts, a
     *                   redaction
     * @param diffPath   the diff with the revision before it, null for the first
     */
    public record Row(int revSeq, String revisionPath, String time, String isoTime, String author, String comment,
                      String size, String change, String changeKind, List<String> marks, boolean fromChecked,
                      boolean toChecked, String diffPath) {
    }

    public record Limit(int size, String path, boolean current) {
    }
}
