package dev.palimpsest.query.article;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.readmodel.Article;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code GET /articles/{key}}: an article's summary, read from one row (no scan of its history). */
@Path("/articles/{key}")
public class ArticleResource {

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "getArticle", summary = "Summarise an article",
            description = "Current title, number of revisions and the edit times of the first and latest.")
    @APIResponse(responseCode = "200", description = "The article",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ArticleSummary.class)))
    @APIResponse(responseCode = "404", description = "No revision of this article has been archived",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ArticleSummary getArticle(
            @Parameter(description = "Stable article id chosen by the source", example = "enwiki:12345")
            @PathParam("key") String articleKey) {
        return Article.withKey(articleKey).map(ArticleSummary::of).orElseThrow(() -> new ProblemException(
                QueryProblem.ARTICLE_NOT_FOUND, "no revision of article '" + articleKey + "' has been archived"));
    }
}
