package dev.palimpsest.query.article;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.readmodel.Article;
import dev.palimpsest.query.readmodel.Revision;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.Optional;

/**
 * {@code GET /titles?title=…}: the article a title leads to, like a MediaWiki redirect left by a page move. A page
 * keeps its key when it is renamed, so every title it ever had leads to its one history. When several articles
 * have had the title, the one that has it now wins, else the one that had it most recently.
 */
@Path("/titles")
public class TitleResource {

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "lookUpTitle", summary = "Find an article by its current or a former title",
            description = "Answers 303 See Other to the article, with what was found in the body.")
    @APIResponse(responseCode = "303", description = "The article this title leads to",
            headers = @Header(name = "Location", description = "/articles/{key}"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TitleLookup.class)))
    @APIResponse(responseCode = "400", description = "No title given",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No archived revision ever had this title",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response lookUp(
            @Parameter(description = "The exact title", example = "Jasic Workers Solidarity Group")
            @QueryParam("title") String title) {
        if (title == null || title.isBlank()) {
            throw new ProblemException(QueryProblem.INVALID_PARAMETER, "title: required, e.g. ?title=Anarchism");
        }
        Optional<Article> holder = Article.find("title", title).firstResultOptional();
        Article article = holder.or(() -> Revision.<Revision>find("pageTitle = ?1 order by revTimestamp desc", title)
                        .firstResultOptional().flatMap(revision -> Article.withKey(revision.articleKey)))
                .orElseThrow(() -> new ProblemException(QueryProblem.TITLE_NOT_FOUND,
                        "no archived revision has the title '" + title + "'"));
        TitleLookup found = new TitleLookup(title, article.articleKey, article.title, title.equals(article.title));
        return Response.seeOther(UriBuilder.fromPath("/articles/{key}").build(article.articleKey))
                .entity(found).type(MediaType.APPLICATION_JSON).build();
    }
}
