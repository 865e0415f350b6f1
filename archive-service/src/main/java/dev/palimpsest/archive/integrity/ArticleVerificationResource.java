package dev.palimpsest.archive.integrity;

import dev.palimpsest.archive.ArchiveProblem;
import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.regex.Pattern;

/** Tamper evidence: anyone may ask the archive to prove an article's history is as it was archived (ADR 0010). */
@Path("/articles/{key}/verification")
public class ArticleVerificationResource {

    /** The keys ingest accepts (its SubmissionValidator): nothing else can name an archived article. */
    static final Pattern ARTICLE_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:~-]{0,254}");

    private final ChainVerifier verifier;

    public ArticleVerificationResource(ChainVerifier verifier) {
        this.verifier = verifier;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "verifyArticle", summary = "Recompute an article's hash chain",
            description = "Recomputes the SHA-256 of every stored text and every record hash of the article, in "
                    + "rev_seq (arrival) order, and checks each record links to the one before and the last is "
                    + "the article's head. Answers 200 whether or not the chain holds: `verified` says which, "
                    + "`firstBreak` where and why it fails.")
    @APIResponse(responseCode = "200", description = "The chain was recomputed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChainVerification.class),
                    examples = {
                            @ExampleObject(name = "verified", value = """
                                    {"articleKey":"jasic-workers-solidarity-group","verified":true,
                                     "recordsChecked":3,"revisionCount":3,
                                     "headHash":"5c73634635842326ab467bd9e76c96c4f3dd5794831824a18a1aa02e7d9aebde",
                                     "firstBreak":null}"""),
                            @ExampleObject(name = "text altered", value = """
                                    {"articleKey":"jasic-workers-solidarity-group","verified":false,
                                     "recordsChecked":1,"revisionCount":3,
                                     "headHash":"5c73634635842326ab467bd9e76c96c4f3dd5794831824a18a1aa02e7d9aebde",
                                     "firstBreak":{"revSeq":2,"reason":"content-mismatch","detail":"the main \
                                    text's SHA-256 is now e9b4c521c744651e22fcfefafdfb5909548164f90d7cfe81dec7ffff6f19d1b2, \
                                    the record says d1e9aa0a5d405fc9a1d1988b459f322af2b10c74c8e4c52c38416c3e4b55c7b9"}}""")}))
    @APIResponse(responseCode = "400", description = "The key cannot name an article",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The archive holds no article with this key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ChainVerification verify(
            @Parameter(description = "The article's key", example = "jasic-workers-solidarity-group")
            @PathParam("key") String articleKey) {
        if (!ARTICLE_KEY.matcher(articleKey).matches()) {
            throw new ProblemException(ArchiveProblem.INVALID_ARTICLE_KEY,
                    "article key must be 1-255 characters of letters, digits and . _ : ~ - (starting with a letter"
                            + " or digit), e.g. enwiki:12345");
        }
        return verifier.verify(articleKey).orElseThrow(() ->
                new ProblemException(ArchiveProblem.ARTICLE_NOT_FOUND, "no article with key '" + articleKey + "'"));
    }
}
