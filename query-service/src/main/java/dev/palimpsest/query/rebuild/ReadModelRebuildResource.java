package dev.palimpsest.query.rebuild;

import dev.palimpsest.events.Roles;
import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * {@code /admin/read-model/rebuild}: rebuild the read model from the archived topic beside the live one and switch
 * reads over to it (administrators; ADR 0024). {@code ./palimpsest rebuild-read-model} starts one and follows it.
 */
@Path("/admin/read-model/rebuild")
@RolesAllowed(Roles.ADMIN)
@SecurityScheme(securitySchemeName = ReadModelRebuildResource.SCHEME, type = SecuritySchemeType.HTTP,
        scheme = "bearer", bearerFormat = "JWT", description = "A JWT signed by the issuer this service trusts"
        + " (mp.jwt.verify.issuer and its public key) whose `groups` claim includes `admin`. Locally:"
        + " `./palimpsest token --role admin`.")
@SecurityRequirement(name = ReadModelRebuildResource.SCHEME)
public class ReadModelRebuildResource {

    static final String SCHEME = "bearer";

    private final ReadModelRebuild rebuild;

    public ReadModelRebuildResource(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @POST
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "startReadModelRebuild", summary = "Rebuild the read model from the archived topic",
            description = "Builds a new generation of the read model from offset zero of the archived topic beside"
                    + " the live one, which goes on answering and consuming; once the new one has caught up, reads"
                    + " switch to it in one transaction and the old one is dropped. Follow it with GET.")
    @APIResponse(responseCode = "202", description = "Started; the body is its status, Location where to follow it",
            headers = @Header(name = "Location", description = "/admin/read-model/rebuild",
                    schema = @Schema(implementation = String.class)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RebuildStatus.class)))
    @APIResponse(responseCode = "409", description = "A rebuild is running (`rebuild-in-progress`), or this instance"
            + " is not the only consumer of the archived topic (`rebuild-refused`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No bearer token, or one this service does not accept (expired,"
            + " another issuer, another key); answered with WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks the admin role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response startReadModelRebuild(@jakarta.ws.rs.core.Context UriInfo uri) {
        RebuildStatus started = rebuild.start();
        return Response.accepted(started).location(uri.getRequestUri()).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "getReadModelRebuild", summary = "Follow the read-model rebuild",
            description = "The running rebuild's progress (records replayed of the topic's total, rate, time left,"
                    + " phase), else the last one's outcome: `switched` or `failed`.")
    @APIResponse(responseCode = "200", description = "The rebuild's status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RebuildStatus.class)))
    @APIResponse(responseCode = "404", description = "No rebuild was started on this instance since it started",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No bearer token, or one this service does not accept",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks the admin role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RebuildStatus getReadModelRebuild() {
        return rebuild.status().orElseThrow(() -> new ProblemException(QueryProblem.NO_REBUILD,
                "no read-model rebuild was started on this instance since it started; start one with POST"));
    }
}
