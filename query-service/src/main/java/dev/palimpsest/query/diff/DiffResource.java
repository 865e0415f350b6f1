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

/** {@code GET /articles/{key}/diff}: what changed between two revisions (or two moments) of an article. */
@Path("/articles/{key}/diff")
public class DiffResource {

    /** What the operations and formats are, for both diff operations' OpenAPI descriptions. */
    static final String FORMATS = " Tokens (`granularity`): `line` (with its line break), `word` (a run of letters"
            + " or digits, each Chinese or Japanese character alone, a run of whitespace, each punctuation mark"
            + " alone) or `char` (a Unicode code point); lines are compared first and only changed lines are cut"
            + " into words or characters. `json`: operations (equal/insert/delete) with token positions in both"
            + " texts — applied in order they rebuild the newer text byte for byte — and stats; `unified`: like"
            + " `git diff` for one file; `html`: a standalone side-by-side page (escaped, inline CSS, changed tokens"
            + " in `<del class=\"diff-del\">`/`<ins class=\"diff-ins\">`, long unchanged runs collapsed to `context`"
            + " lines). Very large changes are compared more coarsely (a changed run beyond the work limits counts as"
            + " replaced as a whole) so that any two texts compare in bounded time; the operations stay exact.";

    static final String JSON_EXAMPLE = """
            {"articleKey":"enwiki:12","fromRevSeq":3,"toRevSeq":4,"granularity":"word","operations":[\
            {"op":"equal","fromStart":0,"fromEnd":6,"toStart":0,"toEnd":6,"text":"The Jasic workers "},\
            {"op":"delete","fromStart":6,"fromEnd":7,"toStart":6,"toEnd":6,"text":"formed"},\
            {"op":"insert","fromStart":7,"fromEnd":7,"toStart":6,"toEnd":7,"text":"founded"},\
            {"op":"equal","fromStart":7,"fromEnd":13,"toStart":7,"toEnd":13,"text":" a union.\\n"}],\
            "stats":{"addedTokens":1,"removedTokens":1,"addedWords":1,"removedWords":1,"addedLines":1,\
            "removedLines":1}}""";

    @GET
    @Produces({MediaType.APPLICATION_JSON, DiffFormat.UNIFIED_TYPE, DiffFormat.HTML_TYPE, Problem.MEDIA_TYPE})
    @Operation(operationId = "diffRevisions", summary = "Diff two revisions of an article",
            description = "`from` and `to` name revisions by number, or by time as `@<ISO instant>` (the revision"
                    + " current then). With `knownAt`, both sides as the archive knew the article then: a number"
                    + " archived later is 404 `revision-not-yet-archived`, and `@instant` picks among the revisions"
                    + " archived by then (e.g. `?from=@2019-01-01T00:00:00Z&to=@2020-01-01T00:00:00Z&knownAt="
                    + "2024-01-01T00:00:00Z`)." + FORMATS)
    @APIResponse(responseCode = "200", description = "The diff, in the form `format` asks for",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DiffResult.class),
                    examples = @ExampleObject(name = "word", value = JSON_EXAMPLE)),
                    @Content(mediaType = DiffFormat.UNIFIED_TYPE, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "unified", value = "--- enwiki:12@3\n+++ enwiki:12@4\n"
                                    + "@@ -1,1 +1,1 @@\n-The Jasic workers formed a union.\n"
                                    + "+The Jasic workers founded a union.\n")),
                    @Content(mediaType = DiffFormat.HTML_TYPE, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "A missing or malformed parameter (from, to, granularity,"
            + " format, context, knownAt)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such article or revision, or none at that time, or a"
            + " revision archived after knownAt (`revision-not-yet-archived`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "One of the texts is hidden at its source (`text-hidden`) or"
            + " redacted (`revision-redacted`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Timed(value = RequestTiming.NAME, description = RequestTiming.DESCRIPTION, histogram = true,
            extraTags = {RequestTiming.ENDPOINT, "diff"})
    public Response diff(
            @Parameter(description = "Stable article id chosen by the source", example = "enwiki:12")
            @PathParam("key") String articleKey,
            @Parameter(description = "The older side: a revision number, or @ and an ISO-8601 instant",
                    example = "3") @QueryParam("from") String from,
            @Parameter(description = "The newer side: a revision number, or @ and an ISO-8601 instant",
                    example = "@2019-01-01T00:00:00Z") @QueryParam("to") String to,
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
        Revision older = RevisionParameters.named(articleKey, "from", from, known);
        Revision newer = RevisionParameters.named(articleKey, "to", to, known);
        return DiffFormat.respond(articleKey, older, newer, request);
    }
}
