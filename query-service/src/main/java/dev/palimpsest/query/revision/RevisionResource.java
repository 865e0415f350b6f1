package dev.palimpsest.query.revision;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.revert.IdentityReverts;
import dev.palimpsest.query.revert.Revert;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
 * {@code GET /articles/{key}/revisions/{n}}: one revision, exactly. Its text never changes, so the plain-text form may
 * be cached for a long time; the JSON form also says what the revision reverts, which a backfill can change, so it is
 * revalidated (strong ETags for both).
 */
@Path("/articles/{key}/revisions/{n}")
public class RevisionResource {

    private final IdentityReverts reverts;

    public RevisionResource(IdentityReverts reverts) {
        this.reverts = reverts;
    }

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
        Revision revision = RevisionParameters.existing(articleKey, revSeq);
        RevisionRepresentation.Form form = RevisionRepresentation.choose(headers.getAcceptableMediaTypes());
        Revert revert = form == RevisionRepresentation.Form.JSON
                ? reverts.of(articleKey, revision.revSeq, null).orElse(null) : null; // the text form does not show it
        return RevisionRepresentation.respond(form, revision, revert, request)
                .cacheControl(RevisionRepresentation.cacheControl(form)).build();
    }
}
