package dev.palimpsest.query.web;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.query.article.ArticleListResource;
import dev.palimpsest.query.article.ArticlePage;
import dev.palimpsest.query.article.ArticleSummary;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /}: the articles, by title, with a title search by prefix (as the API's {@code /articles?prefix=}, whose
 * answer this page renders), each with its number of revisions, last edit and current size.
 */
@Path("/")
public class ArticleListPage {

    static final String PAGE_SIZE = "50";

    private final ArticleListResource articles;
    private final EntityManager entityManager;

    public ArticleListPage(ArticleListResource articles, EntityManager entityManager) {
        this.articles = articles;
        this.entityManager = entityManager;
    }

    @GET
    @Produces({MediaType.TEXT_HTML, Problem.MEDIA_TYPE})
    public Response articles(@QueryParam("prefix") String prefix, @QueryParam("cursor") String cursor,
                             @Context HttpHeaders headers, @Context UriInfo uri) {
        return Pages.answer(headers, uri, () -> {
            String searched = prefix == null ? "" : prefix;
            ArticlePage page = articles.listArticles(searched.isEmpty() ? null : searched, PAGE_SIZE, "asc", cursor,
                    null);
            Map<String, Long> sizes = currentSizes(page.articles());
            List<ArticleListView.Row> rows = page.articles().stream().map(article -> new ArticleListView.Row(
                    article.title() == null ? article.articleKey() : article.title(),
                    Display.articlePath(article.articleKey()), article.articleKey(), article.revisionCount(),
                    Display.time(article.lastRevTimestamp()), String.valueOf(article.lastRevTimestamp()),
                    Display.bytes(sizes.getOrDefault(article.articleKey(), 0L)))).toList();
            String next = page.next() == null ? null : "/?prefix=" + Display.query(searched) + "&cursor="
                    + Display.query(page.next());
            return Pages.html(Templates.articles(new ArticleListView(searched, rows, next,
                    cursor == null ? null : "/?prefix=" + Display.query(searched))).render());
        });
    }

    /** The size of each listed article's latest revision, in one statement (the listing's rows do not carry it). */
    private Map<String, Long> currentSizes(List<ArticleSummary> listed) {
        Map<String, Long> sizes = new HashMap<>();
        if (listed.isEmpty()) {
            return sizes;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT a.article_key, r.rev_len FROM article a"
                        + " JOIN revision r ON r.article_key = a.article_key AND r.rev_seq = a.latest_rev_seq"
                        + " WHERE a.article_key IN (:keys)")
                .setParameter("keys", listed.stream().map(ArticleSummary::articleKey).toList()).getResultList();
        for (Object[] row : rows) {
            sizes.put((String) row[0], ((Number) row[1]).longValue());
        }
        return sizes;
    }
}
