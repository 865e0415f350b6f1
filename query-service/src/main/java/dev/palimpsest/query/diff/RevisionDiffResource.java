package dev.palimpsest.query.diff;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.query.RequestTiming;
import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.revision.RevisionParameters;
import io.micrometer.core.annotation.Timed;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Instant;

/**
 * {@code GET /articles/{key}/revisions/{n}/diff}: what revision n changed, for history views: the diff against its
 * parent, the revision before it in the article's edit order (the order of the history: edit time, then source
 * revision id, then sequence number), not necessarily revision n - 1 (a backfill may sit between them).
 */
@Path("/articles/{key}/revisions/{n}/diff")
public class RevisionDiffResource {

    @GET
    @Produces({MediaType.APPLICATION_JSON, DiffFormat.UNIFIED_TYPE, DiffFormat.HTML_TYPE, Problem.MEDIA_TYPE})
    @Operation(operationId = "diffWithParent", summary = "Diff a revision against its parent",
            description = "The parent is the revision before it in the article's edit order (as the history lists"
                    + " it: edit time, then source revision id, then sequence number). The first revision is"
                    + " compared with the empty text: `fromRevSeq` is null, and the unified diff's old side is"
                    + " `/dev/null`. With `knownAt`, as the archive knew the article then: the revision must have"
                    + " been archived by then (else 404 `revision-not-yet-archived`), and its parent is the one"
                    + " before it among the revisions archived by then." + DiffResource.FORMATS)
    @APIResponse(responseCode = "200", description = "The diff, in the form `format` asks for",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DiffResult.class),
                    examples = @ExampleObject(name = "word", value = DiffResource.JSON_EXAMPLE)),
                    @Content(mediaType = DiffFormat.UNIFIED_TYPE, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = DiffFormat.HTML_TYPE, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "A malformed revision number, granularity, format, context"
            + " or knownAt",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such revision of this article, or it was archived after"
            + " knownAt (`revision-not-yet-archived`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "The revision's or its parent's text is hidden at its source"
            + " (`text-hidden`) or redacted (`revision-redacted`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Timed(value = RequestTiming.NAME, description = RequestTiming.DESCRIPTION, histogram = true,
            extraTags = {RequestTiming.ENDPOINT, "revision-diff"})
    public Response diffWithParent(
            @Parameter(description = "Stable article id chosen by the source", example = "enwiki:12")
            @PathParam("key") String articleKey,
            @Parameter(description = "The revision's sequence number within the article", example = "4",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @PathParam("n") String revSeq,
            @Parameter(description = "What a token is", example = "word", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"line", "word", "char"}, defaultValue = "line"))
            @QueryParam("granularity") String granularity,
            @Parameter(description = "json: operations and stats; unified: a unified diff of the lines; html: a"
                    + " standalone side-by-side page", example = "json", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"json", "unified", "html"}, defaultValue = "json"))
            @QueryParam("format") String format,
            @Parameter(description = "unified and html: unchanged lines shown around each change", example = "3",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "1000000",
                            defaultValue = "3")) @QueryParam("context") String context,
            @Parameter(description = RevisionParameters.KNOWN_AT, example = "2024-01-01T00:00:00Z",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("knownAt") String knownAt) {
        DiffRequest request = DiffRequest.parse(granularity, format, context);
        Instant known = RevisionParameters.knownAt(knownAt);
        Revision revision = RevisionParameters.existing(articleKey, revSeq, known);
        Revision parent = Revision.previousInEditOrder(revision, known).orElse(null);
        return DiffFormat.respond(articleKey, parent, revision, request);
    }
}
