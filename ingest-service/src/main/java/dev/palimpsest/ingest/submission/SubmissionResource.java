package dev.palimpsest.ingest.submission;

import dev.palimpsest.events.ArticleKey;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.Roles;
import dev.palimpsest.ingest.access.BearerAuthentication;
import dev.palimpsest.ingest.access.WriteRateLimited;
import dev.palimpsest.ingest.revision.RevisionFactory;
import dev.palimpsest.ingest.revision.RevisionRules;
import dev.palimpsest.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

import java.io.InputStream;
import java.net.URI;

/** {@code POST /articles/{key}/revisions}: submit one revision of an article. */
@Path("/articles/{key}/revisions")
@SecurityScheme(securitySchemeName = BearerAuthentication.SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = BearerAuthentication.DESCRIPTION)
public class SubmissionResource {

    private final RevisionPublisher publisher;
    private final RevisionFactory revisions;
    private final long maxBodyBytes;
    private final URI queryUrl;

    public SubmissionResource(RevisionPublisher publisher, RevisionFactory revisions,
                              @ConfigProperty(name = "palimpsest.ingest.max-body-size") MemorySize maxBodySize,
                              @ConfigProperty(name = "palimpsest.ingest.query-url") URI queryUrl) {
        this.publisher = publisher;
        this.revisions = revisions;
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.queryUrl = queryUrl;
    }

    @POST
    @Blocking
    @CountedSubmission
    @RolesAllowed({Roles.WRITER, Roles.ADMIN})
    @WriteRateLimited
    @SecurityRequirement(name = BearerAuthentication.SCHEME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "submitRevision", summary = "Submit a revision of an article",
            description = "Validates the revision and appends it to the log of record. 202 means the broker has"
                    + " it: it will be archived exactly once. Follow Location to read it once archived.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SubmitRevisionRequest.class),
            examples = @ExampleObject(name = "rewrite", summary = "A dated edit with its author and comment",
                    value = """
                            {"title":"Jasic Workers Solidarity Group",\
                            "text":"Jasic Workers Solidarity Group\\n\\nA shorter, rewritten version.\\n",\
                            "timestamp":"2025-03-01T09:30:00Z","author":"Example editor","comment":"rewrite"}""")))
    @APIResponse(responseCode = "202", description = "Accepted into the log",
            headers = @Header(name = "Location", description = "query-service's URL following the submission to"
                    + " its revision (the receipt's `status`)", schema = @Schema(type = SchemaType.STRING,
                    format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SubmissionReceipt.class),
                    examples = @ExampleObject(name = "accepted", value = """
                            {"eventId":"1416cdfd-2e10-47ed-8ade-35531c8d60c1",\
                            "articleKey":"jasic-workers-solidarity-group",\
                            "idempotencyKey":"content:69d40c6cf96baa7d281a559473dd9aa7a9d13932",\
                            "revSha1":"9898281a84ff2b29c6e24b05af1aa731503755cf","revLen":62,\
                            "status":"http://localhost:8080/articles/jasic-workers-solidarity-group/submissions/\
                            1416cdfd-2e10-47ed-8ade-35531c8d60c1"}""")))
    @APIResponse(responseCode = "400", description = "Malformed JSON or article key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No bearer token, or one this service does not accept (expired,"
            + " another issuer, another key); answered with WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token has neither the writer nor the admin role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than the configured limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A field breaks a rule (missing text, bad timestamp…)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The log did not acknowledge; nothing was accepted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Over this principal's write rate limit; nothing was accepted",
            headers = @Header(name = "Retry-After", description = "Seconds until the next write would be allowed",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(
            @Parameter(description = "Stable article id chosen by the source", example = "enwiki:12345")
            @PathParam("key") String articleKey,
            @Parameter(description = "Makes retries of an undated submission idempotent: the archive stores one"
                    + " revision per article and key", example = "7d0c8f4e-retry-safe-1")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Parameter(description = "Correlates this request with the service's log lines and the event it"
                    + " publishes", example = "req-2025-03-01-0001")
            @HeaderParam("X-Request-Id") String requestId,
            InputStream stream) {
        ArticleKey key = RevisionRules.requireValidArticleKey(articleKey);
        RevisionRules.requireValidIdempotencyKey(idempotencyKey);
        SubmitRevisionRequest request = JsonBodies.read(stream, maxBodyBytes, SubmitRevisionRequest.class);
        RevisionSubmitted event = publisher.publish(revisions.submitted(key, request, idempotencyKey, requestId));
        URI status = UriBuilder.fromUri(queryUrl).path("articles/{key}/submissions/{id}")
                .build(articleKey, event.meta().id());
        return Response.accepted(new SubmissionReceipt(event.meta().id(), articleKey, event.idempotencyKey(),
                        event.mainText().sha1(), event.mainText().length(), status))
                .location(status).type(MediaType.APPLICATION_JSON).build();
    }
}
