package dev.palimpsest.query.article;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.readmodel.Article;
import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.revision.RevisionParameters;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.hibernate.query.NativeQuery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /titles?title=…}: the article a title leads to, like a MediaWiki redirect left by a page move. A page
 * keeps its key when it is renamed, so every title it ever had leads to its one history. When several articles
 * have had the title, the one that has it now wins, else the one that had it most recently. With {@code knownAt},
 * the same among the revisions archived by then: a title given by a rename archived later leads nowhere yet, and
 * the title an article had then is its current one.
 */
@Path("/titles")
public class TitleResource {

    private final EntityManager entityManager;

    public TitleResource(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "lookUpTitle", summary = "Find an article by its current or a former title",
            description = "Answers 303 See Other to the article, with what was found in the body. With `knownAt`,"
                    + " as the archive knew the titles then (a rename archived later does not count yet; `current`"
                    + " and `currentTitle` are as of then), and `Location` keeps `knownAt`, e.g."
                    + " `?title=Anarchism&knownAt=2024-01-01T00:00:00Z`.")
    @APIResponse(responseCode = "303", description = "The article this title leads to",
            headers = @Header(name = "Location", description = "/articles/{key}"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TitleLookup.class)))
    @APIResponse(responseCode = "400", description = "No title given, or knownAt is not an ISO-8601 instant"
            + " (`invalid-timestamp`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No archived revision ever had this title (by knownAt)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response lookUp(
            @Parameter(description = "The exact title", example = "Jasic Workers Solidarity Group")
            @QueryParam("title") String title,
            @Parameter(description = RevisionParameters.KNOWN_AT, example = "2024-01-01T00:00:00Z",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("knownAt") String knownAt) {
        if (title == null || title.isBlank()) {
            throw new ProblemException(QueryProblem.INVALID_PARAMETER, "title: required, e.g. ?title=Anarchism");
        }
        Instant known = RevisionParameters.knownAt(knownAt);
        Article article = (known == null ? holderNow(title) : holderThen(title, known))
                .orElseThrow(() -> new ProblemException(QueryProblem.TITLE_NOT_FOUND,
                        "no archived revision has the title '" + title + "'"
                                + (known == null ? "" : " (among those archived by knownAt " + known + ")")));
        TitleLookup found = new TitleLookup(title, article.articleKey, article.title, title.equals(article.title));
        UriBuilder location = UriBuilder.fromPath("/articles/{key}");
        if (known != null) {
            location.queryParam("knownAt", known.toString());
        }
        return Response.seeOther(location.build(article.articleKey))
                .entity(found).type(MediaType.APPLICATION_JSON).build();
    }

    private static Optional<Article> holderNow(String title) {
        Optional<Article> holder = Article.find("title", title).firstResultOptional();
        return holder.or(() -> Revision.<Revision>find("pageTitle = ?1 order by revTimestamp desc", title)
                .firstResultOptional().flatMap(revision -> Article.withKey(revision.articleKey)));
    }

    /**
     * {@link #holderNow}'s rule over the revisions archived by {@code knownAt}: the article whose title was then
     * {@code title}, else the one whose revision known then had it most recently.
     */
    private Optional<Article> holderThen(String title, Instant knownAt) {
        @SuppressWarnings("unchecked")
        List<String> holders = entityManager.createNativeQuery("SELECT a.article_key FROM ("
                        + Article.knownAt("article_key IN (SELECT t.article_key FROM revision t"
                        + " WHERE t.page_title = :title AND t.archived_at <= :knownAt)")
                        + ") a WHERE a.title = :title LIMIT 1")
                .unwrap(NativeQuery.class).addScalar("article_key", String.class)
                .setParameter("knownAt", knownAt, Instant.class).setParameter("title", title, String.class)
                .getResultList();
        return holders.stream().findFirst()
                .or(() -> Revision.<Revision>find("pageTitle = ?1 and archivedAt <= ?2 order by revTimestamp desc",
                        title, knownAt).firstResultOptional().map(revision -> revision.articleKey))
                .flatMap(key -> Article.withKey(key, knownAt));
    }
}
