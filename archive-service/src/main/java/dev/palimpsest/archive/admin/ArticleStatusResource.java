package dev.palimpsest.archive.admin;

import dev.palimpsest.archive.ArchiveProblem;
import dev.palimpsest.archive.history.ArticleRecord;
import dev.palimpsest.archive.history.RedactionRecord;
import dev.palimpsest.archive.history.SubmissionRecord;
import dev.palimpsest.events.Roles;
import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Operators' view of the archive's own tables (the read API is query-service's). */
@Path("/admin/articles/{key}")
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = AdminAccess.SCHEME)
public class ArticleStatusResource {

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "getArchivedArticleStatus", summary = "What the archive holds of an article")
    @APIResponse(responseCode = "200", description = "The article's counts",
            content = @Content(schema = @Schema(implementation = ArticleStatus.class)))
    @APIResponse(responseCode = "404", description = "The archive holds nothing of this article",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No bearer token, or one this service does not accept (expired,"
            + " another issuer, another key); answered with WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks the admin role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ArticleStatus status(@PathParam("key") String articleKey) {
        ArticleRecord article = ArticleRecord.<ArticleRecord>findByIdOptional(articleKey).orElseThrow(() ->
                new ProblemException(ArchiveProblem.ARTICLE_NOT_FOUND, "no article with key '" + articleKey + "'"));
        return new ArticleStatus(article.articleKey, article.currentTitle, article.revisionCount,
                // every revision answered the submission that made it; duplicates are the rest
                article.revisionCount + SubmissionRecord.duplicatesOf(articleKey),
                RedactionRecord.redactedCountFor(articleKey));
    }
}
