package dev.palimpsest.query.web;

import dev.palimpsest.diff.TextComparison;
import dev.palimpsest.diff.TextDiff;
import dev.palimpsest.diff.Tokens;
import dev.palimpsest.problem.Problem;
import dev.palimpsest.query.diff.ComparableText;
import dev.palimpsest.query.readmodel.Article;
import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.revision.RevisionParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code GET /wiki/{key}/compare?from=&to=}: any two revisions, by number or as {@code @<instant>} (as the diff API
 * names them), compared word by word, side by side and inline, with the stats and links one edit back and one on.
 * {@code from} left out is the revision before {@code to} (MediaWiki's {@code diff=prev}); the two sides are put in
 * edit order whichever way they were given. A hidden or redacted side cannot be compared: a 410 page.
 */
@Path("/wiki/{key}/compare")
public class ComparePage {

    /** Unchanged lines shown around each change. */
    static final int CONTEXT = 3;

    private final EditOrder editOrder;

    public ComparePage(EditOrder editOrder) {
        this.editOrder = editOrder;
    }

    @GET
    @Produces({MediaType.TEXT_HTML, Problem.MEDIA_TYPE})
    public Response compare(@PathParam("key") String articleKey, @QueryParam("from") String from,
                            @QueryParam("to") String to, @Context HttpHeaders headers, @Context UriInfo uri) {
        return Pages.answer(headers, uri, () -> {
            Article article = RevisionParameters.article(articleKey, null);
            Revision newer = RevisionParameters.named(articleKey, "to", to, null);
            Revision older = from == null || from.isBlank()
                    ? editOrder.previousOf(newer).map(seq -> RevisionParameters.existing(articleKey,
                    String.valueOf(seq))).orElse(null)
                    : RevisionParameters.named(articleKey, "from", from, null);
            if (older != null && Revision.EDIT_ORDER.compare(older, newer) > 0) {
                Revision swap = older;
                older = newer;
                newer = swap;
            }
            return Pages.html(Templates.compare(view(article, older, newer)).render());
        });
    }

    private CompareView view(Article article, Revision older, Revision newer) {
        String key = article.articleKey;
        String olderText = older == null ? "" : ComparableText.of(key, older);
        TextComparison comparison = TextDiff.compare(olderText, ComparableText.of(key, newer), Tokens.WORD);
        String path = Display.articlePath(key);
        String olderLabel = older == null ? "(empty: before the first revision)"
                : "Revision " + older.revSeq + " (" + Display.time(older.revTimestamp) + ")";
        String newerLabel = "Revision " + newer.revSeq + " (" + Display.time(newer.revTimestamp) + ")";
        String olderEdit = older == null ? null : editOrder.previousOf(older)
                .map(seq -> path + "/compare?from=" + seq + "&to=" + older.revSeq).orElse(
                        path + "/compare?to=" + older.revSeq);
        String newerEdit = editOrder.nextAfter(newer)
                .map(seq -> path + "/compare?from=" + newer.revSeq + "&to=" + seq).orElse(null);
        return new CompareView(key, article.title == null ? key : article.title, path,
                older == null ? null : RevisionCard.of(older), RevisionCard.of(newer), comparison.statsLine(),
                comparison.unchanged(), comparison.sideBySideTable(olderLabel, newerLabel, CONTEXT),
                comparison.inlineHtml(CONTEXT), olderEdit, newerEdit, path + "/history");
    }
}
