package dev.palimpsest.query.revision;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.query.memento.MementoHeaders;
import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.revert.IdentityReverts;
import dev.palimpsest.query.revert.Revert;
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
 * {@code GET /articles/{key}/revisions/{n}}: one revision, exactly. Its text never changes, so the plain-text form may
 * be cached for a long time; the JSON form also says what the revision reverts, which a backfill can change, so it is
 * revalidated (strong ETags for both). Each revision is a Memento (RFC 7089) of its article: both forms carry
 * {@code Memento-Datetime} and the {@code Link}s around it (docs/adr/0007-memento.md). With {@code knownAt}, the
 * same as the archive knew it then; its cache headers are those of the revision (ADR m6-bitemporal: a later
 * redaction can still change the JSON form, so it stays revalidated).
 */
@Path("/articles/{key}/revisions/{n}")
public class RevisionResource {

    private final IdentityReverts reverts;
    private final MementoHeaders mementoHeaders;

    public RevisionResource(IdentityReverts reverts, MementoHeaders mementoHeaders) {
        this.reverts = reverts;
        this.mementoHeaders = mementoHeaders;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, Problem.MEDIA_TYPE})
    @Operation(operationId = "getRevision", summary = "Get one revision of an article",
            description = "JSON with metadata and text by default; with `Accept: text/plain` exactly the stored"
                    + " text's UTF-8 bytes. The text form is immutable (`Cache-Control: public, max-age=31536000,"
                    + " immutable`). The JSON form is `no-cache` (revalidate, a cheap 304 while the ETag holds):"
                    + " its `revert` is derived from the revisions around it in edit order, so a backfilled revision"
                    + " can change it (docs/adr/0005). Both are Mementos (RFC 7089) of `/articles/{key}`. With"
                    + " `knownAt`, as the archive knew the article then: a revision archived later is 404"
                    + " `revision-not-yet-archived`; `revert` and the Memento links (which keep `knownAt`) count only"
                    + " the revisions archived by then, e.g. `/articles/enwiki:12345/revisions/3?knownAt="
                    + "2024-01-01T00:00:00Z`.")
    @APIResponse(responseCode = "200", description = "The revision",
            headers = {
                    @Header(name = "ETag", description = "Strong validator of this form of the revision",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = "`public, max-age=31536000, immutable` for"
                            + " text/plain; `public, no-cache` for JSON", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Vary", description = "`Accept`", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Memento-Datetime", description = "The revision's edit time, RFC 1123, e.g."
                            + " `Tue, 01 Jan 2019 00:00:00 GMT`", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Link", description = "Memento links: `original` (/articles/{key}), `timegate`,"
                            + " `timemap`, and `first`, `prev`, `next`, `last` `memento` with their `datetime`"
                            + " (prev and next omitted at the ends)", schema = @Schema(type = SchemaType.STRING))},
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RevisionView.class)),
                    @Content(mediaType = "text/plain; charset=UTF-8",
                            schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag); the same"
            + " ETag, Cache-Control, Vary and Memento headers, no body")
    @APIResponse(responseCode = "400", description = "The revision number is not a positive whole number, or"
            + " knownAt is not an ISO-8601 instant (`invalid-timestamp`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such revision of this article"
            + " (`revision-not-found`), or it was archived after `knownAt` (`revision-not-yet-archived`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "The text form of a revision whose text is hidden at its source"
            + " (`text-hidden`) or was redacted (`revision-redacted`); the JSON form still answers, with the mark",
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
            @Parameter(description = RevisionParameters.KNOWN_AT, example = "2024-01-01T00:00:00Z",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("knownAt") String knownAt,
            @Context HttpHeaders headers,
            @Context Request request,
            @Context UriInfo uriInfo) {
        Instant known = RevisionParameters.knownAt(knownAt);
        Revision revision = RevisionParameters.existing(articleKey, revSeq, known);
        RevisionRepresentation.Form form = RevisionRepresentation.choose(headers.getAcceptableMediaTypes());
        Revert revert = form == RevisionRepresentation.Form.JSON
                ? reverts.of(articleKey, revision.revSeq, known).orElse(null) : null; // the text form does not show it
        return mementoHeaders.addForRevision(RevisionRepresentation.respond(form, revision, revert, request)
                .cacheControl(RevisionRepresentation.cacheControl(form)), uriInfo, revision, known).build();
    }
}
