package dev.palimpsest.query.history;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.query.readmodel.Article;
import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.readmodel.RevisionMetadata;
import dev.palimpsest.query.revert.IdentityReverts;
import dev.palimpsest.query.revision.RevisionParameters;
import jakarta.persistence.EntityManager;
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
import org.hibernate.query.NativeQuery;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /articles/{key}/revisions}: an article's history, a page at a time; with {@code knownAt}, the history as
 * the archive knew it at that transaction time (only the revisions archived by then, and what is derived from them).
 */
@Path("/articles/{key}/revisions")
public class HistoryResource {

    private final EntityManager entityManager;

    public HistoryResource(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "listRevisions", summary = "List an article's revisions",
            description = "Revisions ordered by edit time, then source revision id, then sequence number; newest"
                    + " first by default. `revertOf` marks an identity revert, derived in that order. `from` and `to`"
                    + " keep edit times in [from, to): from inclusive, to exclusive, either optional. Follow `next`"
                    + " for the following page until it is null; a cursor only continues a listing with the same"
                    + " `order`, `from`, `to` and `knownAt`. With `knownAt`, the history as the archive knew it then:"
                    + " only revisions archived by then are listed, and `title` and `revertOf` are derived from them"
                    + " (e.g. `?knownAt=2024-01-01T00:00:00Z`).")
    @APIResponse(responseCode = "200", description = "One page of the history",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = HistoryPage.class)))
    @APIResponse(responseCode = "400", description = "Bad limit or order (`invalid-parameter`), a malformed from,"
            + " to or knownAt (`invalid-timestamp`), from after to (`invalid-time-range`), or a cursor that is garbled"
            + " or was issued for another order, from, to or knownAt (`invalid-cursor`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such article, or none of its revisions was archived by"
            + " knownAt",
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
            @Parameter(description = "Only revisions edited at or after this ISO-8601 instant (inclusive)",
                    example = "2019-01-01T00:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("from") String from,
            @Parameter(description = "Only revisions edited before this ISO-8601 instant (exclusive)",
                    example = "2020-01-01T00:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("to") String to,
            @Parameter(description = "The `next` value of the previous page (same order, from, to and knownAt)",
                    example = "djN8ZGVzY3x8fDIwMTktMDEtMDFUMDA6MDA6MDBafDEwMDN8Mw")
            @QueryParam("cursor") String cursor,
            @Parameter(description = RevisionParameters.KNOWN_AT, example = "2024-01-01T00:00:00Z",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("knownAt") String knownAt) {
        HistoryRequest request = HistoryRequest.parse(limit, order, from, to, cursor, knownAt);
        Article article = RevisionParameters.article(articleKey, request.knownAt());
        List<RevisionMetadata> rows = load(articleKey, request);
        boolean more = rows.size() > request.limit();
        List<RevisionMetadata> page = more ? rows.subList(0, request.limit()) : rows;
        String next = null;
        if (more) {
            RevisionMetadata last = page.get(page.size() - 1);
            next = new HistoryCursor(request.order(), request.range(), last.revTimestamp(),
                    Revision.tieBreak(last.revId()), last.revSeq(), request.knownAt()).encode();
        }
        return new HistoryPage(articleKey, article.title, page.stream().map(RevisionSummary::of).toList(), next);
    }

    /**
     * One row more than the page holds, to learn whether another page follows without counting. Keyset: a row
     * comparison with the cursor walks the edit-order index from the cursor on, so a page deep in a long history
     * costs what the first does; each row's revert is derived on the way ({@link IdentityReverts}).
     */
    private List<RevisionMetadata> load(String articleKey, HistoryRequest request) {
        String direction = request.order() == HistoryOrder.ASC ? "asc" : "desc";
        String beyond = request.order() == HistoryOrder.ASC ? ">" : "<";
        String sql = "SELECT r.rev_seq, r.page_title, r.rev_timestamp, r.archived_at, r.rev_id, r.rev_parent_id,"
                + " r.performer_user_text, r.performer_user_id, r.comment, r.rev_sha1, r.rev_len, r.text_hidden,"
                + " r.comment_hidden, r.performer_hidden, restored.rev_seq AS restored_rev_seq, r.redacted_at,"
                + " r.redacted_by, r.redaction_reason"
                + " FROM revision r " + IdentityReverts.restoredRevision("r", request.knownAt() != null)
                + " WHERE r.article_key = :key"
                + (request.knownAt() == null ? "" : " AND r.archived_at <= :knownAt")
                + (request.range().from() == null ? "" : " AND r.rev_timestamp >= :from")
                + (request.range().to() == null ? "" : " AND r.rev_timestamp < :to")
                + (request.after() == null ? ""
                : " AND " + Revision.editOrder("r") + " " + beyond + " (:time, :tie, :seq)")
                + " ORDER BY " + Revision.editOrderBy("r", direction)
                + " LIMIT :rows";
        NativeQuery<?> query = entityManager.createNativeQuery(sql).unwrap(NativeQuery.class)
                .addScalar("rev_seq", Integer.class)
                .addScalar("page_title", String.class)
                .addScalar("rev_timestamp", Instant.class)
                .addScalar("archived_at", Instant.class)
                .addScalar("rev_id", Long.class)
                .addScalar("rev_parent_id", Long.class)
                .addScalar("performer_user_text", String.class)
                .addScalar("performer_user_id", Long.class)
                .addScalar("comment", String.class)
                .addScalar("rev_sha1", String.class)
                .addScalar("rev_len", Long.class)
                .addScalar("text_hidden", Boolean.class)
                .addScalar("comment_hidden", Boolean.class)
                .addScalar("performer_hidden", Boolean.class)
                .addScalar("restored_rev_seq", Integer.class)
                .addScalar("redacted_at", Instant.class)
                .addScalar("redacted_by", String.class)
                .addScalar("redaction_reason", String.class)
                .setParameter("key", articleKey, String.class)
                .setParameter("rows", request.limit() + 1, Integer.class);
        if (request.knownAt() != null) {
            query.setParameter("knownAt", request.knownAt(), Instant.class);
        }
        if (request.range().from() != null) {
            query.setParameter("from", request.range().from(), Instant.class);
        }
        if (request.range().to() != null) {
            query.setParameter("to", request.range().to(), Instant.class);
        }
        if (request.after() != null) {
            query.setParameter("time", request.after().revTimestamp(), Instant.class)
                    .setParameter("tie", request.after().tieBreak(), Long.class)
                    .setParameter("seq", request.after().revSeq(), Integer.class);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = (List<Object[]>) query.getResultList();
        return rows.stream().map(row -> new RevisionMetadata((Integer) row[0], (String) row[1], (Instant) row[2],
                (Instant) row[3], (Long) row[4], (Long) row[5], (String) row[6], (Long) row[7], (String) row[8],
                (String) row[9], (Long) row[10], (Boolean) row[11], (Boolean) row[12], (Boolean) row[13],
                (Integer) row[14], (Instant) row[15], (String) row[16], (String) row[17])).toList();
    }
}
