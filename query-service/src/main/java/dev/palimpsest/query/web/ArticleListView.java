package dev.palimpsest.query.web;

import java.util.List;

/**
 * The articles page: one page of the title listing.
 *
 * @param prefix   the title prefix searched for, "" for all
 * @param nextPath  the link to the following page, null on the last
 * @param firstPath the link to the first page, null when this is it
 */
public record ArticleListView(String prefix, List<Row> rows, String nextPath, String firstPath) {

    /** One article: its title (linking to it), key, number of revisions, last edit and current size. */
    public record Row(String title, String path, String articleKey, int revisions, String lastEdit, String lastEditIso,
                      String size) {
    }
}
