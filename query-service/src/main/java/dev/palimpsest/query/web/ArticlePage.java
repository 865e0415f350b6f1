package dev.palimpsest.query.web;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.readmodel.Article;
import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.readmodel.RevisionReads;
import dev.palimpsest.query.revision.RevisionParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code GET /wiki/{key}}: an article as it reads now (its latest revision in edit order); {@code
 * /wiki/{key}/revisions/{n}}: one of its revisions. A hidden or redacted text is a notice, never the text.
 */
@Path("/wiki/{key}")
public class ArticlePage {

    private final EditOrder editOrder;

    public ArticlePage(EditOrder editOrder) {
        this.editOrder = editOrder;
    }

    @GET
    @Produces({MediaType.TEXT_HTML, Problem.MEDIA_TYPE})
    public Response now(@PathParam("key") String articleKey, @Context HttpHeaders headers, @Context UriInfo uri) {
        return Pages.answer(headers, uri, () -> {
            Article article = RevisionParameters.article(articleKey, null);
            Revision latest = RevisionReads.instance().numbered(articleKey, article.latestRevSeq).orElseThrow(() ->
                    new ProblemException(QueryProblem.REVISION_NOT_FOUND, "article '" + articleKey
                            + "' names a latest revision " + article.latestRevSeq + " it does not hold yet"));
            return page(article, latest);
        });
    }

    @GET
    @Path("/revisions/{n}")
    @Produces({MediaType.TEXT_HTML, Problem.MEDIA_TYPE})
    public Response revision(@PathParam("key") String articleKey, @PathParam("n") String revSeq,
                             @Context HttpHeaders headers, @Context UriInfo uri) {
        return Pages.answer(headers, uri, () -> page(RevisionParameters.article(articleKey, null),
                RevisionParameters.existing(articleKey, revSeq)));
    }

    private Response page(Article article, Revision revision) {
        String path = Display.articlePath(article.articleKey);
        String compare = editOrder.previousOf(revision)
                .map(previous -> path + "/compare?from=" + previous + "&to=" + revision.revSeq).orElse(null);
        RevisionCard card = RevisionCard.of(revision);
        return Pages.html(Templates.revision(new RevisionPageView(card, revision.revSeq == article.latestRevSeq,
                article.revisionCount, path + "/history", path + "/timeline?t=" + Display.query(card.isoTime()),
                compare, card.apiPath() + "/timemap", revision.revSeq == article.latestRevSeq ? path + "/who"
                : path + "/revisions/" + revision.revSeq + "/who")).render());
    }
}
