package dev.palimpsest.query.provenance;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.provenance.WikitextTokens;
import dev.palimpsest.query.QueryProblem;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who wrote each word (ADR 0044): a revision's tokens attributed to the revisions that introduced them, as of a
 * time, the main authors, and one token's history. Provenance follows the text: a revision whose text is hidden or
 * redacted has none (410, like its text).
 */
@Path("/articles/{key}")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Provenance", description = "Who wrote each word of a revision")
public class ProvenanceResource {

    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");
    private static final String TIME = "The moment asked about, an ISO-8601 instant (default: now, the article's"
            + " latest revision)";
    private static final String TOKENS = "Also answer the tokens themselves, in order (`true` or `false`, default"
            + " `false`)";

    private final Provenances provenances;

    public ProvenanceResource(Provenances provenances) {
        this.provenances = provenances;
    }

    @GET
    @Path("/revisions/{n}/provenance")
    @Operation(operationId = "getRevisionProvenance", summary = "Who wrote each token of a revision",
            description = "The revision's text cut into tokens (words, punctuation and wikitext markup symbols;"
                    + " `tokenizer` names the rules), each attributed to the revision that first introduced it:"
                    + " text moved keeps its author, text removed and put back later gets its first author back,"
                    + " an identity revert restores the earlier attribution exactly. Compact: `runs` of consecutive"
                    + " tokens with one origin, each origin described once in `origins`; `authors` ranks the"
                    + " authors by their share of the text. A revision whose text is hidden or redacted has no"
                    + " provenance and introduces nothing: what it added and a later revision kept is credited to"
                    + " that later revision.")
    @APIResponse(responseCode = "200", description = "The revision's provenance",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProvenanceView.class)))
    @APIResponse(responseCode = "400", description = "The revision number is no positive whole number, or tokens"
            + " is neither true nor false",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such article or revision",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "The revision's text is hidden at its source (`text-hidden`)"
            + " or was redacted (`revision-redacted`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Another instance is attributing the article's whole history"
            + " (`provenance-pending`): ask again shortly",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Timed(value = RequestTiming.NAME, description = RequestTiming.DESCRIPTION, histogram = true,
            extraTags = {RequestTiming.ENDPOINT, "provenance"})
    public ProvenanceView getRevisionProvenance(
            @Parameter(description = "Stable article id chosen by the source", example = "enwiki:12345")
            @PathParam("key") String articleKey,
            @Parameter(description = "The revision's sequence number within the article", example = "3",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @PathParam("n") String revSeq,
            @Parameter(description = TOKENS, example = "true", schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("tokens") String tokens) {
        boolean withTokens = flag("tokens", tokens);
        return view(provenances.of(RevisionParameters.existing(articleKey, revSeq)), withTokens);
    }

    @GET
    @Path("/provenance")
    @Operation(operationId = "getProvenanceAsOf", summary = "Who wrote each token of an article at a time",
            description = "As `getRevisionProvenance`, for the revision current at `t` (the latest without it).")
    @APIResponse(responseCode = "200", description = "The provenance of the revision current at t",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProvenanceView.class)))
    @APIResponse(responseCode = "400", description = "t is not an ISO-8601 instant (`invalid-timestamp`), or tokens"
            + " is neither true nor false",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such article, or t is before its first revision",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "That revision's text is hidden or redacted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Another instance is attributing the article's whole history"
            + " (`provenance-pending`): ask again shortly",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Timed(value = RequestTiming.NAME, description = RequestTiming.DESCRIPTION, histogram = true,
            extraTags = {RequestTiming.ENDPOINT, "provenance-as-of"})
    public ProvenanceView getProvenanceAsOf(
            @Parameter(description = "Stable article id chosen by the source", example = "enwiki:12345")
            @PathParam("key") String articleKey,
            @Parameter(description = TIME, example = "2019-01-01T00:00:00Z",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("t") String t,
            @Parameter(description = TOKENS, example = "true", schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("tokens") String tokens) {
        boolean withTokens = flag("tokens", tokens);
        return view(provenances.of(currentAt(articleKey, t)), withTokens);
    }

    @GET
    @Path("/authors")
    @Operation(operationId = "getMainAuthors", summary = "The main authors of an article at a time",
            description = "Each author's share of the tokens of the revision current at `t` (the latest without"
                    + " it), most first: the list a CC BY-SA attribution names. Tokens of revisions whose author the"
                    + " source hid count together, without a name.")
    @APIResponse(responseCode = "200", description = "The authors, most tokens first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuthorsView.class)))
    @APIResponse(responseCode = "400", description = "t is not an ISO-8601 instant (`invalid-timestamp`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such article, or t is before its first revision",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "That revision's text is hidden or redacted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Another instance is attributing the article's whole history"
            + " (`provenance-pending`): ask again shortly",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Timed(value = RequestTiming.NAME, description = RequestTiming.DESCRIPTION, histogram = true,
            extraTags = {RequestTiming.ENDPOINT, "authors"})
    public AuthorsView getMainAuthors(
            @Parameter(description = "Stable article id chosen by the source", example = "enwiki:12345")
            @PathParam("key") String articleKey,
            @Parameter(description = TIME, example = "2019-01-01T00:00:00Z",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("t") String t) {
        Provenances.Blame blame = provenances.of(currentAt(articleKey, t));
        Revision revision = blame.revision();
        return new AuthorsView(revision.articleKey, revision.revSeq, revision.revTimestamp, blame.tokenCount(),
                blame.authors());
    }

    @GET
    @Path("/revisions/{n}/provenance/tokens/{i}")
    @Operation(operationId = "getTokenHistory", summary = "One token's history",
            description = "The token at place `i` (from 0) of the revision's tokens: the revision that introduced"
                    + " it, then each revision, in edit order, that removed it or brought it back (among the"
                    + " revisions whose text can be read).")
    @APIResponse(responseCode = "200", description = "The token's history",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TokenHistoryView.class)))
    @APIResponse(responseCode = "400", description = "The revision number or the token's place is no whole number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such article, revision (`revision-not-found`) or token"
            + " (`token-not-found`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "The revision's text is hidden or redacted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Another instance is attributing the article's whole history"
            + " (`provenance-pending`): ask again shortly",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Timed(value = RequestTiming.NAME, description = RequestTiming.DESCRIPTION, histogram = true,
            extraTags = {RequestTiming.ENDPOINT, "token-history"})
    public TokenHistoryView getTokenHistory(
            @Parameter(description = "Stable article id chosen by the source", example = "enwiki:12345")
            @PathParam("key") String articleKey,
            @Parameter(description = "The revision's sequence number within the article", example = "3",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @PathParam("n") String revSeq,
            @Parameter(description = "The token's place among the revision's tokens, from 0", example = "17",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
            @PathParam("i") String index) {
        Revision revision = RevisionParameters.existing(articleKey, revSeq);
        return provenances.tokenHistory(revision, tokenIndex(index));
    }

    static ProvenanceView view(Provenances.Blame blame, boolean withTokens) {
        Revision revision = blame.revision();
        List<String> tokens = null;
        if (withTokens) {
            tokens = new ArrayList<>(blame.tokenCount());
            for (int i = 0; i < blame.tokenCount(); i++) {
                tokens.add(blame.token(i));
            }
        }
        return new ProvenanceView(revision.articleKey, revision.revSeq, revision.revTimestamp,
                WikitextTokens.VERSION, blame.tokenCount(), blame.runs(), List.copyOf(blame.origins().values()),
                blame.authors(), tokens);
    }

    private static Revision currentAt(String articleKey, String t) {
        Instant time = t == null ? END_OF_TIME : RevisionParameters.instant("t", t);
        return RevisionParameters.currentAt(articleKey, time);
    }

    private static boolean flag(String name, String raw) {
        if (raw == null || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        throw new ProblemException(QueryProblem.INVALID_PARAMETER, name + " must be true or false, not '" + raw
                + "'");
    }

    private static int tokenIndex(String raw) {
        try {
            int index = Integer.parseInt(raw);
            if (index >= 0) {
                return index;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(QueryProblem.INVALID_PARAMETER, "a token's place is a whole number from 0, not '"
                + raw + "'");
    }
}
