package dev.palimpsest.query.redaction;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.readmodel.Revision;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;
import java.util.UUID;

/**
 * {@code GET /articles/{key}/redactions/{id}}: what became of a redaction request. ingest-service's 202 points here;
 * until the archive has answered the request it is a 404 the client may retry (as for submissions).
 */
@Path("/articles/{key}/redactions/{id}")
public class RedactionStatusResource {

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "getRedactionStatus", summary = "Follow a redaction request to its outcome",
            description = "`redacted` (the revision's text now answers 410 everywhere; its metadata shows the"
                    + " redaction; with `erased`, the text was erased for good, from every revision listed) or"
                    + " `rejected` (nothing was hidden; `detail` says why); 404 until the archive has answered.")
    @APIResponse(responseCode = "200", description = "The archive answered the request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RedactionStatus.class)))
    @APIResponse(responseCode = "400", description = "The redaction id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Not answered yet, or unknown",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RedactionStatus getRedactionStatus(
            @Parameter(description = "Stable article id chosen by the source", example = "enwiki:12345")
            @PathParam("key") String articleKey,
            @Parameter(description = "The eventId of ingest's redaction receipt",
                    example = "6f1c2b7e-4c1d-4f9e-9a3b-2d8e5f7a9c01",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("id") String id) {
        UUID requestId = parse(id);
        return Redaction.forRequest(requestId)
                .filter(redaction -> redaction.articleKey.equals(articleKey))
                .map(redaction -> RedactionStatus.of(redaction, UriBuilder.fromPath("/articles/{key}/revisions/{n}")
                        .build(redaction.articleKey, redaction.revSeq).toString(), erasedBy(redaction)))
                .orElseThrow(() -> new ProblemException(QueryProblem.REDACTION_NOT_RECORDED, "redaction " + requestId
                        + " of article '" + articleKey + "' is not answered by the archive yet, or unknown;"
                        + " retry later"));
    }

    /** The revisions {@code redaction} erased for good (ADR 0042), in order; none for one that hides. */
    private static List<Integer> erasedBy(Redaction redaction) {
        return Revision.<Revision>list("articleKey = ?1 and erasedBy = ?2 order by revSeq", redaction.articleKey,
                redaction.redactionId).stream().map(revision -> revision.revSeq).toList();
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(QueryProblem.INVALID_PARAMETER, "id: '" + id + "' is not a UUID");
        }
    }
}
