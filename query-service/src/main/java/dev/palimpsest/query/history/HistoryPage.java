package dev.palimpsest.query.history;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * One page of an article's history.
 *
 * @param title the article's current title (that of its latest revision)
 * @param next  opaque cursor for the following page, {@code null} on the last page
 */
@Schema(name = "HistoryPage")
public record HistoryPage(
        @Schema(examples = "enwiki:12345") String articleKey,
        @Schema(examples = "Anarchism") String title,
        List<RevisionSummary> revisions,
        @Schema(nullable = true, examples = "djN8ZGVzY3x8fDIwMTktMDEtMDFUMDA6MDA6MDBafDEwMDN8Mw") String next) {
}
