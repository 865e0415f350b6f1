package dev.palimpsest.query.history;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.readmodel.Article;
import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.readmodel.RevisionMetadata;
import io.quarkus.panache.common.Parameters;
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

import java.util.List;

/** {@code GET /articles/{key}/revisions}: an article's history, a page at a time. */
@Path("/articles/{key}/revisions")
public class HistoryResource {

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "listRevisions", summary = "List an article's revisions",
            description = "Revisions ordered by edit time, then sequence number; newest first by default. Follow"
                    + " `next` for the following page until it is null.")
    @APIResponse(responseCode = "200", description = "One page of the history",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = HistoryPage.class)))
    @APIResponse(responseCode = "400", description = "Bad limit, order or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such article",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HistoryPage listRevisions(
            @Parameter(description = "Stable article id chosen by the source", example = "enwiki:12345")
            @PathParam("key") String articleKey,
            @Parameter(description = "Revisions per page, 1 to 500", example = "50",
                    schema = @Schema(type = SchemaType.INTEGER,
                            minimum = "1", maximum = "500", defaultValue = "50"))
            @QueryParam("limit") String limit,
            @Parameter(description = "asc: oldest first; desc: newest first", example = "desc",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"asc", "desc"}, defaultValue = "desc"))
            @QueryParam("order") String order,
            @Parameter(description = "The `next` value of the previous page", example =
                    "djJ8ZGVzY3wyMDE5LTAxLTAxVDAwOjAwOjAwWnwwfDM")
            @QueryParam("cursor") String cursor) {
        HistoryRequest request = HistoryRequest.parse(limit, order, cursor);
        Article article = Article.withKey(articleKey).orElseThrow(() -> new ProblemException(
                QueryProblem.ARTICLE_NOT_FOUND, "no revision of article '" + articleKey + "' has been archived"));
        List<RevisionMetadata> rows = load(articleKey, request);
        boolean more = rows.size() > request.limit();
        List<RevisionMetadata> page = more ? rows.subList(0, request.limit()) : rows;
        String next = null;
        if (more) {
            RevisionMetadata last = page.get(page.size() - 1);
            next = new HistoryCursor(request.order(), last.revTimestamp(), Revision.tieBreak(last.revId()),
                    last.revSeq()).encode();
        }
        return new HistoryPage(articleKey, article.title, page.stream().map(RevisionSummary::of).toList(), next);
    }

    /** One row more than the page holds, to learn whether another page follows without counting. */
    private static List<RevisionMetadata> load(String articleKey, HistoryRequest request) {
        String direction = request.order() == HistoryOrder.ASC ? "asc" : "desc";
        String beyond = request.order() == HistoryOrder.ASC ? ">" : "<";
        StringBuilder query = new StringBuilder("articleKey = :key");
        Parameters parameters = Parameters.with("key", articleKey);
        if (request.after() != null) {
            query.append(" and (revTimestamp ").append(beyond).append(" :time or (revTimestamp = :time and (")
                    .append(Revision.TIE_BREAK).append(' ').append(beyond).append(" :tie or (")
                    .append(Revision.TIE_BREAK).append(" = :tie and revSeq ").append(beyond).append(" :seq))))");
            parameters.and("time", request.after().revTimestamp()).and("tie", request.after().tieBreak())
                    .and("seq", request.after().revSeq());
        }
        query.append(" order by revTimestamp ").append(direction).append(", ").append(Revision.TIE_BREAK)
                .append(' ').append(direction).append(", revSeq ").append(direction);
        return Revision.find(query.toString(), parameters).project(RevisionMetadata.class)
                .range(0, request.limit()).list();
    }
}
