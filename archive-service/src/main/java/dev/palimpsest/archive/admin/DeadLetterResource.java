package dev.palimpsest.archive.admin;

import dev.palimpsest.archive.ArchiveProblem;
import dev.palimpsest.events.Roles;
import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.jboss.logging.Logger;

/** Operators' view of the dead-letter topics of every service: what was refused, where from, and why. */
@Path("/admin/dead-letters")
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = AdminAccess.SCHEME)
@SecurityScheme(securitySchemeName = AdminAccess.SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = AdminAccess.DESCRIPTION)
public class DeadLetterResource {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private static final Logger LOG = Logger.getLogger(DeadLetterResource.class);

    private final DeadLetterReader reader;

    public DeadLetterResource(DeadLetterReader reader) {
        this.reader = reader;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "listDeadLetters", summary = "The most recent dead letters of every service",
            description = "Reads the tails of palimpsest.revisions.dlq (submissions the archive refused) and"
                    + " palimpsest.archived.dlq (archived events the query service refused); newest first. Values"
                    + " are not returned, only their size: read the topic for the record itself.")
    @APIResponse(responseCode = "200", description = "Counts per topic and the newest dead letters",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DeadLetterList.class)))
    @APIResponse(responseCode = "400", description = "Bad limit (`invalid-parameter`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The broker could not be read (`dead-letters-unavailable`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No bearer token, or one this service does not accept (expired,"
            + " another issuer, another key); answered with WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks the admin role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeadLetterList list(
            @Parameter(description = "How many dead letters, 1 to 100", example = "20",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("limit") String limit) {
        int rows = parseLimit(limit);
        try {
            return reader.newest(rows);
        } catch (KafkaException e) {
            LOG.warnf("cannot list dead letters: %s", e.toString());
            throw new ProblemException(ArchiveProblem.DEAD_LETTERS_UNAVAILABLE,
                    "the dead-letter topics could not be read from the broker");
        }
    }

    static int parseLimit(String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, as every other bad value
        }
        throw new ProblemException(ArchiveProblem.INVALID_PARAMETER,
                "limit: '" + raw + "' is not a whole number from 1 to " + MAX_LIMIT);
    }
}
