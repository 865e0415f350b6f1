package dev.palimpsest.query.submission;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.readmodel.SubmissionAnswer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.UUID;

/**
 * {@code GET /articles/{key}/submissions/{submissionId}}: where a submission ended up. ingest-service's 202 points
 * here; once the archive has answered the submission (stored it, or recognised it as a revision it already had)
 * this redirects to that revision, and until then it is a 404 the client may retry.
 */
@Path("/articles/{key}/submissions/{submissionId}")
public class SubmissionStatusResource {

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "getSubmissionStatus", summary = "Follow a submission to its archived revision",
            description = "303 to the revision once archived (new or deduplicated); 404 until then.")
    @APIResponse(responseCode = "303", description = "Archived: Location names the revision",
            headers = @Header(name = "Location", description = "/articles/{key}/revisions/{n}"))
    @APIResponse(responseCode = "400", description = "The submission id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Not archived yet, or unknown",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response getSubmissionStatus(
            @Parameter(description = "Stable article id chosen by the source", example = "enwiki:12345")
            @PathParam("key") String articleKey,
            @Parameter(description = "The eventId of ingest's receipt", example = "3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("submissionId") String submissionId) {
        UUID id = parse(submissionId);
        return SubmissionAnswer.forSubmission(id)
                .filter(answer -> answer.articleKey.equals(articleKey))
                .map(answer -> Response.seeOther(UriBuilder.fromPath("/articles/{key}/revisions/{n}")
                        .build(answer.articleKey, answer.revSeq)).build())
                .orElseThrow(() -> new ProblemException(QueryProblem.SUBMISSION_NOT_ARCHIVED, "submission "
                        + id + " of article '" + articleKey + "' is not archived yet, or unknown; retry later"));
    }

    private static UUID parse(String submissionId) {
        try {
            return UUID.fromString(submissionId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(QueryProblem.INVALID_PARAMETER,
                    "submissionId: '" + submissionId + "' is not a UUID");
        }
    }
}
