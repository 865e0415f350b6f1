package dev.palimpsest.query.diff;

import dev.palimpsest.diff.TextComparison;
import dev.palimpsest.diff.TextDiff;
import dev.palimpsest.diff.Tokens;
import dev.palimpsest.query.readmodel.Revision;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The forms a diff is served in, chosen with the {@code format} parameter. */
enum DiffFormat {
    /** Operations with token positions, and stats: {@link DiffResult}. */
    JSON,
    /** Like {@code git diff} for one file. */
    UNIFIED,
    /** A standalone side-by-side HTML page. */
    HTML;

    static final String UNIFIED_TYPE = "text/x-diff; charset=UTF-8";
    static final String HTML_TYPE = "text/html; charset=UTF-8";

    /**
     * The diff of {@code older} (null: the empty text, before an article's first revision) and {@code newer}, in
     * this form. A text hidden at its source or redacted cannot be compared: a 410 problem.
     */
    static Response respond(String articleKey, Revision older, Revision newer, DiffRequest request) {
        String olderText = older == null ? "" : ComparableText.of(articleKey, older);
        String newerText = ComparableText.of(articleKey, newer);
        // a unified diff shows whole lines, whatever the granularity: no need to cut changed lines smaller
        TextComparison comparison = TextDiff.compare(olderText, newerText,
                request.format() == UNIFIED ? Tokens.LINE : request.granularity());
        String olderName = older == null ? "/dev/null" : articleKey + "@" + older.revSeq;
        String newerName = articleKey + "@" + newer.revSeq;
        return switch (request.format()) {
            case JSON -> Response.ok(new DiffResult(articleKey, older == null ? null : older.revSeq, newer.revSeq,
                    request.granularityName(), comparison.operations(), comparison.stats()),
                    MediaType.APPLICATION_JSON_TYPE).build();
            case UNIFIED -> Response.ok(comparison.unified(olderName, newerName, request.context()), UNIFIED_TYPE)
                    .build();
            case HTML -> Response.ok(comparison.html(newer.pageTitle + ": " + olderName + " \u2192 " + newerName,
                    older == null ? "(empty: before the first revision)" : olderName + " (" + older.revTimestamp + ")",
                    newerName + " (" + newer.revTimestamp + ")", request.context()), HTML_TYPE).build();
        };
    }
}
