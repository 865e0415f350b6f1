package dev.palimpsest.query.memento;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.query.readmodel.Article;
import dev.palimpsest.query.revision.RevisionParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /articles/{key}/timegate}: Memento datetime negotiation (RFC 7089, 302-style, the TimeGate being a
 * resource of its own, the original resource being {@code /articles/{key}}). Answers 302 to the revision that was
 * current at {@code Accept-Datetime}, as as-of chooses it; before the first revision, to the first (as the Wayback
 * Machine does: the nearest memento there is); without the header, to the latest.
 */
@Path("/articles/{key}/timegate")
public class TimeGateResource {

    private final Mementos mementos;

    public TimeGateResource(Mementos mementos) {
        this.mementos = mementos;
    }

    @GET
    @Produces({MediaType.TEXT_PLAIN, Problem.MEDIA_TYPE})
    @Operation(operationId = "negotiateMemento", summary = "Find the revision current at a datetime (Memento TimeGate)",
            description = "RFC 7089 datetime negotiation. Redirects (302) to `/articles/{key}/revisions/{n}`: the"
                    + " latest revision edited at or before `Accept-Datetime` (the whole second it names counts);"
                    + " the first revision if the datetime is before it; the latest if the header is absent. With"
                    + " `knownAt`, among the revisions archived by then, and the links (Location included) keep it:"
                    + " `Location: …/articles/k/revisions/2?knownAt=2024-01-01T00:00:00Z`.")
    @APIResponse(responseCode = "302", description = "The memento for that datetime",
            headers = {
                    @Header(name = "Location", description = "The revision: /articles/{key}/revisions/{n}",
                            schema = @Schema(type = SchemaType.STRING, format = "uri")),
                    @Header(name = "Vary", description = "`accept-datetime`: the answer depends on that header",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Link", description = "The original resource and the TimeMap, e.g."
                            + " `<…/articles/k>; rel=\"original\", <…/articles/k/timemap>; rel=\"timemap\";"
                            + " type=\"application/link-format\"`", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "Accept-Datetime is not an RFC 1123 date"
            + " (`invalid-accept-datetime`), or knownAt is not an ISO-8601 instant (`invalid-timestamp`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No revision of this article has been archived (by knownAt)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response negotiate(
            @Parameter(description = "Stable article id chosen by the source", example = "enwiki:12345")
            @PathParam("key") String articleKey,
            @Parameter(in = ParameterIn.HEADER, name = MementoHeaders.ACCEPT_DATETIME,
                    description = "The datetime wanted, an RFC 1123 date in GMT; absent: now",
                    example = "Tue, 01 Jan 2019 00:00:00 GMT")
            @HeaderParam(MementoHeaders.ACCEPT_DATETIME) String acceptDatetime,
            @Parameter(description = RevisionParameters.KNOWN_AT, example = "2024-01-01T00:00:00Z",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("knownAt") String knownAt,
            @Context UriInfo uriInfo) {
        Instant wanted = acceptDatetime == null ? null : MementoDatetime.acceptDatetime(acceptDatetime);
        Instant known = RevisionParameters.knownAt(knownAt);
        Article article = RevisionParameters.article(articleKey, known);
        int revSeq = wanted == null ? article.latestRevSeq
                : mementos.currentAt(articleKey, wanted, known).map(Memento::revSeq)
                .orElseGet(() -> mementos.page(articleKey, null, 1, known).get(0).revSeq());
        MementoUris uris = new MementoUris(uriInfo, articleKey, known);
        return Response.status(Response.Status.FOUND)
                .location(uris.memento(revSeq))
                .header("Vary", "accept-datetime")
                .header("Link", MementoLink.header(List.of(MementoLink.of(uris.original(), "original"),
                        MementoLink.of(uris.timeMap(), "timemap").with("type", MementoHeaders.LINK_FORMAT))))
                .build();
    }
}
