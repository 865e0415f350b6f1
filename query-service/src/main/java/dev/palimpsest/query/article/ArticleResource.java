package dev.palimpsest.query.article;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.query.memento.MementoHeaders;
import dev.palimpsest.query.revision.RevisionParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Instant;

/**
 * {@code GET /articles/{key}}: an article's summary, read from one row (no scan of its history). It is also the
 * Memento original resource of the article's revisions, so it links to its TimeGate and TimeMap.
 */
@Path("/articles/{key}")
public class ArticleResource {

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "getArticle", summary = "Summarise an article",
            description = "Current title, number of revisions and the edit times of the first and latest. The"
                    + " Memento (RFC 7089) original resource of the article's revisions. With `knownAt`, the summary"
                    + " as the archive knew the article then (title, count, times and latest revision from the"
                    + " revisions archived by then; 404 if none was), and the links keep `knownAt`.")
    @APIResponse(responseCode = "200", description = "The article",
            headers = @Header(name = "Link", description = "`<…/articles/{key}/timegate>; rel=\"timegate\","
                    + " <…/articles/{key}/timemap>; rel=\"timemap\";"
                    + " type=\"application/link-format\"`", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ArticleSummary.class)))
    @APIResponse(responseCode = "400", description = "knownAt is not an ISO-8601 instant (`invalid-timestamp`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No revision of this article has been archived (by knownAt)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response getArticle(
            @Parameter(description = "Stable article id chosen by the source", example = "enwiki:12345")
            @PathParam("key") String articleKey,
            @Parameter(description = RevisionParameters.KNOWN_AT, example = "2024-01-01T00:00:00Z",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("knownAt") String knownAt,
            @Context UriInfo uriInfo) {
        Instant known = RevisionParameters.knownAt(knownAt);
        ArticleSummary summary = ArticleSummary.of(RevisionParameters.article(articleKey, known));
        return Response.ok(summary, MediaType.APPLICATION_JSON_TYPE)
                .header("Link", MementoHeaders.originalLinks(uriInfo, articleKey, known)).build();
    }
}
