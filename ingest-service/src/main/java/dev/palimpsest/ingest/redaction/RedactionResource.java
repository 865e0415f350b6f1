package dev.palimpsest.ingest.redaction;

import dev.palimpsest.events.Roles;
import dev.palimpsest.events.RevisionRedactionRequested;
import dev.palimpsest.ingest.access.BearerAuthentication;
import dev.palimpsest.ingest.access.WriteRateLimited;
import dev.palimpsest.ingest.submission.JsonBodies;
import dev.palimpsest.ingest.revision.RevisionRules;
import dev.palimpsest.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.io.InputStream;
import java.net.URI;
import java.security.Principal;

/**
 * {@code POST /articles/{key}/revisions/{n}/redactions}: an administrator asks to hide revision n's text from every
 * read (ADR 0013). Like a submission, the request goes into the log of record and is answered by the archive; the
 * 202's Location (query-service) says what became of it.
 */
@Path("/articles/{key}/revisions/{n}/redactions")
public class RedactionResource {

    /** A reason is short; a body this large is not a redaction request. */
    static final long MAX_BODY_BYTES = 16 * 1024;

    private final RedactionRequests requests;
    private final URI queryUrl;

    public RedactionResource(RedactionRequests requests,
                             @ConfigProperty(name = "palimpsest.ingest.query-url") URI queryUrl) {
        this.requests = requests;
        this.queryUrl = queryUrl;
    }

    @POST
    @Blocking
    @RolesAllowed(Roles.ADMIN)
    @WriteRateLimited
    @SecurityRequirement(name = BearerAuthentication.SCHEME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "redactRevision", summary = "Redact a revision's text (administrators)",
            description = "Appends a redaction request to the log of record. Once the archive has recorded it,"
                    + " every read of the revision's text (text form, slots, as-of, Memento, diffs) answers 410"
                    + " `revision-redacted`; its metadata stays, marked with when, by whom and why. The archive"
                    + " keeps the original record, so its hash chain still verifies. The reason is public.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RedactRevisionRequest.class),
            examples = @ExampleObject(name = "personal data", value = """
                    {"reason":"personal data (a phone number)"}""")))
    @APIResponse(responseCode = "202", description = "Accepted into the log",
            headers = @Header(name = "Location", description = "query-service's URL following the request to its"
                    + " outcome (the receipt's `status`)", schema = @Schema(type = SchemaType.STRING,
                    format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RedactionReceipt.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, article key or revision number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No bearer token, or one this service does not accept (expired,"
            + " another issuer, another key); answered with WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks the admin role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than 16 KiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The reason is missing, blank, too long or has control"
            + " characters", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Over this principal's write rate limit; nothing was accepted",
            headers = @Header(name = "Retry-After", description = "Seconds until the next write would be allowed",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The log did not acknowledge; nothing was accepted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response redactRevision(
            @Parameter(description = "Stable article id chosen by the source", example = "enwiki:12345")
            @PathParam("key") String articleKey,
            @Parameter(description = "The sequence number of the revision to redact", example = "3",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @PathParam("n") String n,
            @Parameter(description = "Correlates this request with the service's log lines and the event it"
                    + " publishes", example = "req-2026-11-26-0001")
            @HeaderParam("X-Request-Id") String requestId,
            @Context SecurityContext security,
            InputStream body) {
        RevisionRules.requireValidArticleKey(articleKey);
        int revSeq = RedactionRequests.revSeq(n);
        RedactRevisionRequest request = JsonBodies.read(body, MAX_BODY_BYTES, RedactRevisionRequest.class);
        String reason = RedactionRequests.reason(request);
        RevisionRedactionRequested event = requests.publish(articleKey, revSeq, reason,
                Boolean.TRUE.equals(request.erase()), performer(security), requestId);
        URI status = UriBuilder.fromUri(queryUrl).path("articles/{key}/redactions/{id}")
                .build(articleKey, event.meta().id());
        return Response.accepted(new RedactionReceipt(event.meta().id(), articleKey, revSeq, status))
                .location(status).type(MediaType.APPLICATION_JSON).build();
    }

    /**
     * Who asks: the authenticated principal's name (the token's subject). The operation needs the admin role, so a
     * principal is always present; a blank name is recorded as none rather than as an empty string.
     */
    static String performer(SecurityContext security) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        return principal == null || principal.getName() == null || principal.getName().isBlank()
                ? null : principal.getName();
    }
}
