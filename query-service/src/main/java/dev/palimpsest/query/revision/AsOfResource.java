package dev.palimpsest.query.revision;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.query.RequestTiming;
import dev.palimpsest.query.memento.MementoHeaders;
import dev.palimpsest.query.memento.MementoUris;
import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.revert.IdentityReverts;
import dev.palimpsest.query.revert.Revert;
import io.micrometer.core.annotation.Timed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
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
 * {@code GET /articles/{key}/as-of?t=…}: what the article said at time t, i.e. the latest revision edited at or
 * before t (ties broken as the history orders them). The answer can change when an older revision is
 * backfilled, so it is not cached; {@code Content-Location} names the revision it currently is. Like a Memento
 * TimeGate doing 200-style negotiation (RFC 7089), it carries that memento's {@code Memento-Datetime} and links to
 * the original resource, TimeGate and TimeMap; the navigation links are on the revision itself.
 */
@Path("/articles/{key}/as-of")
public class AsOfResource {

    private final IdentityReverts reverts;
    private final MementoHeaders mementoHeaders;

    public AsOfResource(IdentityReverts reverts, MementoHeaders mementoHeaders) {
        this.reverts = reverts;
        this.mementoHeaders = mementoHeaders;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, Problem.MEDIA_TYPE})
    @Operation(operationId = "getRevisionAsOf", summary = "Get an article as it was at a time",
            description = "The latest revision with an edit timestamp at or before `t`. JSON with metadata and"
                    + " text by default; with `Accept: text/plain` exactly the stored text's UTF-8 bytes. With"
                    + " `knownAt`, among the revisions archived by then (e.g. `?t=2019-01-01T00:00:00Z&knownAt="
                    + "2024-01-01T00:00:00Z`: what the archive believed in 2024 the article said in 2019).")
    @APIResponse(responseCode = "200", description = "The revision current at t",
            headers = {
                    @Header(name = "Content-Location", description = "The revision's own URL (with"
                            + " `knownAt` when asked with it)",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Memento-Datetime", description = "The revision's edit time, RFC 1123",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Link", description = "Memento links: `original`, `timegate`, `timemap`",
                            schema = @Schema(type = SchemaType.STRING))},
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RevisionView.class)),
                    @Content(mediaType = "text/plain; charset=UTF-8", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "t is missing or not an ISO-8601 instant, or knownAt is not"
            + " one (`invalid-timestamp`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such article, or t is before its first revision",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "The text form of a revision whose text is hidden at its source"
            + " (`text-hidden`) or was redacted (`revision-redacted`); the JSON form still answers, with the mark",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "406", description = "Neither JSON nor plain text is acceptable to the client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Timed(value = RequestTiming.NAME, description = RequestTiming.DESCRIPTION, histogram = true,
            extraTags = {RequestTiming.ENDPOINT, "as-of"})
    public Response getRevisionAsOf(
            @Parameter(description = "Stable article id chosen by the source", example = "enwiki:12345")
            @PathParam("key") String articleKey,
            @Parameter(description = "The moment asked about, an ISO-8601 instant", required = true,
                    example = "2019-01-01T00:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("t") String t,
            @Parameter(description = RevisionParameters.KNOWN_AT, example = "2024-01-01T00:00:00Z",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("knownAt") String knownAt,
            @Context HttpHeaders headers,
            @Context Request request,
            @Context UriInfo uriInfo) {
        Instant time = RevisionParameters.instant("t", t);
        Instant known = RevisionParameters.knownAt(knownAt);
        Revision revision = RevisionParameters.currentAt(articleKey, time, known);
        RevisionRepresentation.Form form = RevisionRepresentation.choose(headers.getAcceptableMediaTypes());
        // with knownAt, the revert as the archive knew the history then, like the revision itself
        Revert revert = form == RevisionRepresentation.Form.JSON
                ? reverts.of(articleKey, revision.revSeq, known).orElse(null) : null;
        // with knownAt the memento's URL keeps it: that URL answers the same revert
        MementoUris uris = new MementoUris(uriInfo, articleKey, known);
        return mementoHeaders.addForNegotiated(RevisionRepresentation.respond(form, revision, revert, request),
                        uris, revision)
                .contentLocation(uris.memento(revision.revSeq))
                .build();
    }
}
