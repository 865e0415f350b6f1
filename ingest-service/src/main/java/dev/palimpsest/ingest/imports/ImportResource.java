package dev.palimpsest.ingest.imports;

import dev.palimpsest.events.Roles;
import dev.palimpsest.ingest.access.BearerAuthentication;
import dev.palimpsest.ingest.access.WriteRateLimited;
import dev.palimpsest.ingest.IngestProblem;
import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.io.InputStream;
import java.util.List;

/** {@code /imports}: MediaWiki XML exports in, one revision event per {@code <revision>} out. */
@Path("/imports")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class ImportResource {

    private final RevisionImporter importer;
    private final ImportRegistry registry;

    public ImportResource(RevisionImporter importer, ImportRegistry registry) {
        this.importer = importer;
        this.registry = registry;
    }

    @POST
    @Blocking
    @RolesAllowed({Roles.WRITER, Roles.ADMIN})
    @WriteRateLimited
    @SecurityRequirement(name = BearerAuthentication.SCHEME)
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "startImport", summary = "Import a MediaWiki XML export",
            description = "The body is a MediaWiki export (Special:Export or a pages-meta-history dump, schema 0.1 to"
                    + " 0.11; its root <mediawiki> in an export namespace, http or https, with or without the"
                    + " trailing slash, or in none), plain or compressed (gzip, bzip2, xz, LZMA), streamed. The"
                    + " whole document is checked"
                    + " first: a malformed, truncated or hostile one is refused and nothing is published. Then its"
                    + " revisions are published in the background; follow Location for progress. Importing the"
                    + " same export again stores nothing twice.")
    @RequestBody(required = true, description = "The export's bytes as they are on disk (compressed or not: the"
            + " compression is recognised by its magic bytes, whatever the Content-Type)", content = {
            @Content(mediaType = "application/xml", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "202", description = "Valid; publishing has started",
            headers = @Header(name = "Location", description = "The import's report, /imports/{id}",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportReport.class),
                    examples = @ExampleObject(name = "publishing", value = """
                            {"importId":"7ce934b2-da11-4718-ba9e-6a664114d0d2","state":"PUBLISHING",\
                            "database":"enwiki","startedAt":"2026-11-25T22:40:01Z","bytes":1887436,\
                            "xmlBytes":41226431,"pages":1,"revisions":15180,"published":0,"rejected":0,\
                            "revisionsPerSecond":0.0,"rejections":[]}""")))
    @APIResponse(responseCode = "400", description = "Not a MediaWiki export this archive accepts",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No bearer token, or one this service does not accept (expired,"
            + " another issuer, another key); answered with WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token has neither the writer nor the admin role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Larger than the configured import limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Over this principal's write rate limit; nothing was accepted",
            headers = @Header(name = "Retry-After", description = "Seconds until the next write would be allowed",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response startImport(
            @Parameter(description = "The wiki's database name, instead of the export's own (or the one derived"
                    + " from its <base>)", example = "enwiki")
            @QueryParam("database") String database,
            @Parameter(description = "Correlates this request with the service's log lines and the events it"
                    + " publishes", example = "req-2025-03-01-0002")
            @HeaderParam("X-Request-Id") String requestId,
            InputStream body) {
        ImportReport report = importer.start(body, database, requestId);
        return Response.accepted(report)
                .location(UriBuilder.fromPath("/imports/{id}").build(report.importId()))
                .type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getImport", summary = "Progress and result of an import",
            description = "`state` is PUBLISHING until every revision is published or rejected, then COMPLETED (or"
                    + " FAILED, with `error`). Any ingest instance answers, whichever accepted the import. An import"
                    + " whose instance stopped before its end (killed, crashed, shut down) is INTERRUPTED: `error`"
                    + " says when it was last seen and how many revisions were published by then; those are archived,"
                    + " and importing the same file again publishes the rest without storing anything twice.")
    @APIResponse(responseCode = "200", description = "The import's report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportReport.class),
                    examples = @ExampleObject(name = "completed", value = """
                            {"importId":"7ce934b2-da11-4718-ba9e-6a664114d0d2","state":"COMPLETED",\
                            "database":"enwiki","startedAt":"2026-11-25T22:40:01Z",\
                            "finishedAt":"2026-11-25T22:40:40Z","bytes":1887436,"xmlBytes":41226431,"pages":1,\
                            "revisions":15180,"published":15180,"rejected":0,"revisionsPerSecond":392.2,\
                            "rejections":[]}""")))
    @APIResponse(responseCode = "404", description = "No such import (reports are kept in the palimpsest.imports"
            + " topic, the latest imports of every instance)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ImportReport getImport(
            @Parameter(description = "The `importId` of the 202's report", example =
                    "7ce934b2-da11-4718-ba9e-6a664114d0d2")
            @PathParam("id") String importId) {
        return registry.report(importId).orElseThrow(() -> new ProblemException(IngestProblem.IMPORT_NOT_FOUND,
                "no import '" + importId + "'"));
    }

    @GET
    @Operation(operationId = "listImports", summary = "The most recent imports, newest first",
            description = "The imports of every ingest instance, as their latest reports say.")
    @APIResponse(responseCode = "200", description = "The reports, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ImportReport.class)))
    @APIResponse(responseCode = "400", description = "limit is not a whole number from 1 to 200",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<ImportReport> listImports(
            @Parameter(description = "How many, 1 to 200", example = "20", schema = @Schema(
                    type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "20"))
            @QueryParam("limit") @DefaultValue("20") String limit) {
        int count;
        try {
            count = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1 || count > 200) {
            throw new ProblemException(IngestProblem.INVALID_PARAMETER, "limit: an integer from 1 to 200");
        }
        return registry.recent(count);
    }
}
