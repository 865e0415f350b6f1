package dev.palimpsest.query.revision;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.readmodel.Revision;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /articles/{key}/revisions/{n}}: one revision, exactly. A link to a revision never changes its answer,
 * so responses carry a strong ETag and may be cached for a long time.
 */
@Path("/articles/{key}/revisions/{n}")
public class RevisionResource {

    /** Revisions are immutable. (Redaction, when it comes, will have to shorten this.) */
    private static final CacheControl IMMUTABLE = CacheControl.valueOf("public, max-age=31536000, immutable");

    @GET
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, Problem.MEDIA_TYPE})
    @Operation(operationId = "getRevision", summary = "Get one revision of an article",
            description = "JSON with metadata and text by default; with `Accept: text/plain` exactly the stored"
                    + " text's UTF-8 bytes.")
    @APIResponse(responseCode = "200", description = "The revision",
            headers = @Header(name = "ETag", description = "Strong validator of this form of the revision"),
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RevisionView.class)),
                    @Content(mediaType = "text/plain; charset=UTF-8",
                            schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)")
    @APIResponse(responseCode = "400", description = "The revision number is not a positive whole number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such revision of this article",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "406", description = "Neither JSON nor plain text is acceptable to the client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response getRevision(
            @Parameter(description = "Stable article id chosen by the source", example = "enwiki:12345")
            @PathParam("key") String articleKey,
            @Parameter(description = "The revision's sequence number within the article", example = "3",
                    schema = @Schema(type = SchemaType.INTEGER,
                            minimum = "1"))
            @PathParam("n") String revSeq,
            @Context HttpHeaders headers,
            @Context Request request) {
        int seq = RevisionParameters.revSeq(revSeq);
        Revision revision = Revision.of(articleKey, seq).orElseThrow(() -> new ProblemException(
                QueryProblem.REVISION_NOT_FOUND, "article '" + articleKey + "' has no revision " + seq));
        return RevisionRepresentation.respond(revision, headers, request).cacheControl(IMMUTABLE).build();
    }
}
