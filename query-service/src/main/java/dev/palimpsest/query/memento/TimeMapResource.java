package dev.palimpsest.query.memento;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.query.history.EditTimeRange;
import dev.palimpsest.query.history.HistoryCursor;
import dev.palimpsest.query.history.HistoryOrder;
import dev.palimpsest.query.history.HistoryRequest;
import dev.palimpsest.query.revision.RevisionParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /articles/{key}/timemap}: every revision of an article as a Memento TimeMap (RFC 7089, section 5) in
 * {@code application/link-format} (RFC 6690), oldest first. A long history comes in pages, as the Memento guides'
 * paged TimeMaps do: each page names itself ({@code rel="self"} with {@code from} and {@code until}, the datetimes of
 * its first and last memento) and, unless it is the last, the next page ({@code rel="timemap"} with the
 * {@code from} of that page). The first and last mementos of the whole history are marked where they appear. With
 * {@code knownAt}, the TimeMap as the archive knew the history then; every link keeps it.
 */
@Path("/articles/{key}/timemap")
public class TimeMapResource {

    private static final String EXAMPLE = """
            <http://localhost:8080/articles/enwiki:12345>; rel="original",
            <http://localhost:8080/articles/enwiki:12345/timemap>; rel="self"; type="application/link-format"; \
            from="Mon, 01 Jan 2018 00:00:00 GMT"; until="Tue, 01 Jan 2019 00:00:00 GMT",
            <http://localhost:8080/articles/enwiki:12345/timegate>; rel="timegate",
            <http://localhost:8080/articles/enwiki:12345/revisions/1>; rel="first memento"; \
            datetime="Mon, 01 Jan 2018 00:00:00 GMT",
            <http://localhost:8080/articles/enwiki:12345/revisions/2>; rel="last memento"; \
            datetime="Tue, 01 Jan 2019 00:00:00 GMT"
            """;

    private final Mementos mementos;

    public TimeMapResource(Mementos mementos) {
        this.mementos = mementos;
    }

    @GET
    @Produces({MementoHeaders.LINK_FORMAT, Problem.MEDIA_TYPE})
    @Operation(operationId = "getTimeMap", summary = "List an article's revisions as a Memento TimeMap",
            description = "RFC 7089 TimeMap in RFC 6690 link-format: the original resource (`/articles/{key}`),"
                    + " this page (`self`, with `from`/`until`), the TimeGate and one `memento` link per revision"
                    + " with its edit time as `datetime`, oldest first; `first memento` and `last memento` mark the"
                    + " ends of the history. When more revisions follow, a `rel=\"timemap\"` link (with `from`)"
                    + " names the next page. With `knownAt`, the TimeMap the archive would have given then: only"
                    + " the revisions archived by then, and every link (original, self, TimeGate, next page,"
                    + " mementos) keeps `knownAt`, e.g. `<…/articles/k/revisions/1?knownAt=2024-01-01T00:00:00Z>;"
                    + " rel=\"first memento\"`.")
    @APIResponse(responseCode = "200", description = "One page of the TimeMap",
            content = @Content(mediaType = MementoHeaders.LINK_FORMAT, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "two revisions", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Bad limit (`invalid-parameter`), knownAt (`invalid-timestamp`)"
            + " or cursor (`invalid-cursor`, also one issued for another knownAt)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No revision of this article has been archived (by knownAt)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response getTimeMap(
            @Parameter(description = "Stable article id chosen by the source", example = "enwiki:12345")
            @PathParam("key") String articleKey,
            @Parameter(description = "Mementos per page, 1 to 500", example = "500",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "500"))
            @QueryParam("limit") String limit,
            @Parameter(description = "Where the page starts: taken from the previous page's `rel=\"timemap\"` link",
                    example = "djN8YXNjfHx8MjAxOS0wMS0wMVQwMDowMDowMFp8MTAwM3wz")
            @QueryParam("cursor") String cursor,
            @Parameter(description = RevisionParameters.KNOWN_AT, example = "2024-01-01T00:00:00Z",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("knownAt") String knownAt,
            @Context UriInfo uriInfo) {
        int rows = limit == null ? HistoryRequest.MAX_LIMIT : HistoryRequest.parseLimit(limit);
        Instant known = RevisionParameters.knownAt(knownAt);
        HistoryCursor after = cursor == null ? null
                : HistoryCursor.decode(cursor, HistoryOrder.ASC, EditTimeRange.ALL, known);
        RevisionParameters.article(articleKey, known);
        List<Memento> found = mementos.page(articleKey, after == null ? null
                : new Memento(after.revSeq(), after.revTimestamp(), after.tieBreak()), rows + 1, known);
        boolean more = found.size() > rows;
        List<Memento> page = more ? found.subList(0, rows) : found;

        MementoUris uris = new MementoUris(uriInfo, articleKey, known);
        List<MementoLink> links = new ArrayList<>();
        links.add(MementoLink.of(uris.original(), "original"));
        MementoLink self = MementoLink.of(uriInfo.getRequestUri(), "self").with("type", MementoHeaders.LINK_FORMAT);
        if (!page.isEmpty()) {
            self = self.with("from", MementoDatetime.format(page.get(0).revTimestamp()))
                    .with("until", MementoDatetime.format(page.get(page.size() - 1).revTimestamp()));
        }
        links.add(self);
        links.add(MementoLink.of(uris.timeGate(), "timegate"));
        if (more) {
            Memento last = page.get(page.size() - 1);
            UriBuilder next = uris.timeMapPage().queryParam("cursor", new HistoryCursor(HistoryOrder.ASC,
                    EditTimeRange.ALL, last.revTimestamp(), last.tieBreak(), last.revSeq(), known).encode());
            if (limit != null) {
                next.queryParam("limit", rows);
            }
            links.add(MementoLink.of(next.build(), "timemap").with("type", MementoHeaders.LINK_FORMAT)
                    .with("from", MementoDatetime.format(found.get(rows).revTimestamp())));
        }
        for (int i = 0; i < page.size(); i++) {
            boolean first = after == null && i == 0;
            boolean last = !more && i == page.size() - 1;
            String rel = (first ? "first " : "") + (last ? "last " : "") + "memento";
            links.add(MementoLink.of(uris.memento(page.get(i).revSeq()), rel)
                    .with("datetime", MementoDatetime.format(page.get(i).revTimestamp())));
        }
        return Response.ok(MementoLink.document(links), MementoHeaders.LINK_FORMAT).build();
    }
}
