package dev.palimpsest.query.article;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.query.history.HistoryRequest;
import dev.palimpsest.query.readmodel.Article;
import dev.palimpsest.query.revision.RevisionParameters;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
 * {@code GET /articles?prefix=…}: the archived articles by current title, like MediaWiki's Special:PrefixIndex
 * (or Special:AllPages without a prefix), a page at a time. With {@code knownAt}, the articles and titles as the
 * archive knew them then (derived from the revisions archived by then, {@link Article#knownAt}).
 */
@Path("/articles")
public class ArticleListResource {

    private final EntityManager entityManager;

    public ArticleListResource(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "listArticles", summary = "List articles by title, optionally by title prefix",
            description = "Articles ordered by current title, then key, in Unicode code point order (so upper case"
                    + " before lower case). `prefix` matches like MediaWiki's Special:PrefixIndex: exactly and"
                    + " case-sensitively, `%` and `_` being ordinary characters. Articles without a title sort"
                    + " first and match no prefix. Follow `next` until it is null; a cursor only continues a"
                    + " listing with the same `prefix`, `order` and `knownAt`. No match is an empty list, not an"
                    + " error. With `knownAt`, the listing as the archive knew it then: only articles with a revision"
                    + " archived by then, each with the title, count and latest revision it had then (an article"
                    + " renamed later is listed, and found by prefix, under its title of then), e.g."
                    + " `?prefix=Jasic&knownAt=2024-01-01T00:00:00Z`.")
    @APIResponse(responseCode = "200", description = "One page of the listing",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ArticlePage.class)))
    @APIResponse(responseCode = "400", description = "Bad limit, order or prefix (`invalid-parameter`), a malformed"
            + " knownAt (`invalid-timestamp`), or a cursor that is garbled or was issued for another prefix, order or"
            + " knownAt (`invalid-cursor`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ArticlePage listArticles(
            @Parameter(description = "Only titles starting with this, exactly (case-sensitive); at most 255"
                    + " characters", example = "Jasic")
            @QueryParam("prefix") String prefix,
            @Parameter(description = "Articles per page, 1 to 500", example = "50",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50"))
            @QueryParam("limit") String limit,
            @Parameter(description = "asc: A to Z; desc: Z to A", example = "asc",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"asc", "desc"}, defaultValue = "asc"))
            @QueryParam("order") String order,
            @Parameter(description = "The `next` value of the previous page (same prefix, order and knownAt)",
                    example = "YTF8YXNjfHxRVzVoY21Ob2FYTnR8Wlc1M2FXdHBPakV5")
            @QueryParam("cursor") String cursor,
            @Parameter(description = RevisionParameters.KNOWN_AT, example = "2024-01-01T00:00:00Z",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("knownAt") String knownAt) {
        TitleOrder parsedOrder = TitleOrder.parse(order);
        TitlePrefix range = TitlePrefix.parse(prefix);
        String prefixText = range == null ? "" : range.low();
        int rows = HistoryRequest.parseLimit(limit);
        Instant known = RevisionParameters.knownAt(knownAt);
        ArticleCursor after = cursor == null ? null
                : ArticleCursor.decode(cursor, parsedOrder, prefixText, known);
        List<ArticleSummary> found = load(parsedOrder, range, after, rows + 1, known);
        boolean more = found.size() > rows;
        List<ArticleSummary> page = more ? found.subList(0, rows) : found;
        String next = null;
        if (more) {
            ArticleSummary last = page.get(page.size() - 1);
            next = new ArticleCursor(parsedOrder, prefixText, last.title() == null ? "" : last.title(),
                    last.articleKey(), known).encode();
        }
        return new ArticlePage(page, next);
    }

    /**
     * Keyset over {@code article_by_title} ({@code coalesce(title, '')}, {@code article_key}, both in the "C"
     * collation, V8): the prefix is a range of that index and the cursor a row comparison, so any page costs a few
     * index steps however many articles there are. As known at {@code knownAt}, the same over the articles as they
     * were then, which costs a scan of the revisions archived by then.
     */
    private List<ArticleSummary> load(TitleOrder order, TitlePrefix prefix, ArticleCursor after, int rows,
                                      Instant knownAt) {
        NativeQuery<?> query = Article.scalars(entityManager.createNativeQuery(sql(order, prefix, after != null,
                        knownAt != null)).unwrap(NativeQuery.class))
                .setParameter("rows", rows, Integer.class);
        if (knownAt != null) {
            query.setParameter("knownAt", knownAt, Instant.class);
        }
        if (prefix != null) {
            query.setParameter("low", prefix.low(), String.class);
            if (prefix.high() != null) {
                query.setParameter("high", prefix.high(), String.class);
            }
        }
        if (after != null) {
            query.setParameter("title", after.title(), String.class)
                    .setParameter("key", after.articleKey(), String.class);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> found = (List<Object[]>) query.getResultList();
        return found.stream().map(row -> ArticleSummary.of(Article.detached(row))).toList();
    }

    /**
     * One page's statement, with parameters {@code :low} and {@code :high} (with a prefix, the second only when it
     * has an upper bound), {@code :title} and {@code :key} (after a cursor), {@code :knownAt} (when
     * {@code knownAt}) and {@code :rows}.
     */
    static String sql(TitleOrder order, TitlePrefix prefix, boolean afterCursor, boolean knownAt) {
        String title = "coalesce(a.title, '')";
        String direction = order == TitleOrder.ASC ? "asc" : "desc";
        return "SELECT a.article_key, a.title, a.revision_count, a.first_rev_timestamp, a.last_rev_timestamp,"
                + " a.latest_rev_seq FROM " + (knownAt ? "(" + Article.knownAt(null) + ")" : "article") + " a"
                + " WHERE true"
                + (prefix == null ? "" : " AND " + title + " >= :low")
                + (prefix == null || prefix.high() == null ? "" : " AND " + title + " < :high")
                + (!afterCursor ? ""
                : " AND (" + title + ", a.article_key) " + (order == TitleOrder.ASC ? ">" : "<") + " (:title, :key)")
                + " ORDER BY " + title + " " + direction + ", a.article_key " + direction
                + " LIMIT :rows";
    }
}
