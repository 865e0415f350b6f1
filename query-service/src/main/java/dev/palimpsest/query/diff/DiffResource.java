package dev.palimpsest.query.diff;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.revision.RevisionParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.Locale;

/** {@code GET /articles/{key}/diff}: what changed between two revisions (or two moments) of an article. */
@Path("/articles/{key}/diff")
public class DiffResource {

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/x-diff; charset=UTF-8", Problem.MEDIA_TYPE})
    @Operation(operationId = "diffRevisions", summary = "Diff two revisions of an article",
            description = "`from` and `to` name revisions by number, or by time as `@<ISO instant>` (the revision"
                    + " current then). JSON: operations with token positions in both texts, and counts; unified:"
                    + " like `git diff` for one file.")
    @APIResponse(responseCode = "200", description = "The diff",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DiffResult.class)),
                    @Content(mediaType = "text/x-diff; charset=UTF-8", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "A missing or malformed parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such revision, or none at that time",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "One of the texts is hidden at its source",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response diff(
            @Parameter(description = "Stable article id chosen by the source", example = "enwiki:12")
            @PathParam("key") String articleKey,
            @Parameter(description = "The older side: a revision number, or @ and an ISO-8601 instant",
                    example = "3") @QueryParam("from") String from,
            @Parameter(description = "The newer side: a revision number, or @ and an ISO-8601 instant",
                    example = "4") @QueryParam("to") String to,
            @Parameter(description = "What a token is", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"line", "char"}, defaultValue = "line")) @QueryParam("granularity") String granularity,
            @Parameter(description = "json: operations and counts; unified: a unified diff of the lines",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"json", "unified"},
                            defaultValue = "json")) @QueryParam("format") String format) {
        Tokens tokens = choice("granularity", granularity, Tokens.LINE, Tokens.class);
        boolean unified = "unified".equals(format);
        if (format != null && !unified && !"json".equals(format)) {
            throw new ProblemException(QueryProblem.INVALID_PARAMETER, "format must be json or unified");
        }
        Revision older = side(articleKey, "from", from);
        Revision newer = side(articleKey, "to", to);
        if (unified) {
            String text = TextDiff.unified(articleKey + "@" + older.revSeq, older.text,
                    articleKey + "@" + newer.revSeq, newer.text);
            return Response.ok(text, "text/x-diff; charset=UTF-8").build();
        }
        return Response.ok(DiffResult.of(articleKey, older.revSeq, newer.revSeq, tokens,
                TextDiff.operations(older.text, newer.text, tokens)), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Revision side(String articleKey, String name, String value) {
        if (value == null || value.isBlank()) {
            throw new ProblemException(QueryProblem.INVALID_PARAMETER,
                    name + " is required: a revision number, or @ and an ISO-8601 instant");
        }
        Revision revision;
        if (value.startsWith("@")) {
            revision = RevisionParameters.currentAt(articleKey, RevisionParameters.instant(name, value.substring(1)));
        } else {
            revision = RevisionParameters.existing(articleKey, value);
        }
        if (revision.textHidden) {
            throw new ProblemException(QueryProblem.TEXT_HIDDEN, "the text of revision " + revision.revSeq + " of '"
                    + articleKey + "' is hidden at its source, so it cannot be compared");
        }
        return revision;
    }

    private static <E extends Enum<E>> E choice(String name, String value, E fallback, Class<E> type) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(QueryProblem.INVALID_PARAMETER, name + " must be one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                    .toList());
        }
    }
}
