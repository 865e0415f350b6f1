package dev.palimpsest.query.revision;

import dev.palimpsest.events.ContentSlot;
import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.readmodel.RevisionSlot;
import dev.palimpsest.query.redaction.RedactionMark;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /articles/{key}/revisions/{n}/slots[/{role}]}: the content slots of a multi-content revision (MediaWiki
 * MCR). {@code main} is the revision's text; the others are kept exactly, like it.
 */
@Path("/articles/{key}/revisions/{n}/slots")
public class SlotResource {

    private static final CacheControl IMMUTABLE = CacheControl.valueOf("public, max-age=31536000, immutable");

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "listSlots", summary = "List a revision's content slots",
            description = "`main` first, then the others by role; texts are at `slots/{role}`.")
    @APIResponse(responseCode = "200", description = "The slots",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = SlotView.class)))
    @APIResponse(responseCode = "400", description = "The revision number is not a positive whole number, or"
            + " knownAt is not an ISO-8601 instant (`invalid-timestamp`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such revision of this article"
            + " (`revision-not-found`), or it was archived after `knownAt` (`revision-not-yet-archived`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response listSlots(
            @Parameter(description = "Stable article id chosen by the source", example = "commonswiki:42")
            @PathParam("key") String articleKey,
            @Parameter(description = "The revision's sequence number within the article", example = "1",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @PathParam("n") String revSeq,
            @Parameter(description = RevisionParameters.KNOWN_AT, example = "2024-01-01T00:00:00Z",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("knownAt") String knownAt) {
        Revision revision = RevisionParameters.existing(articleKey, revSeq, RevisionParameters.knownAt(knownAt));
        List<SlotView> slots = new ArrayList<>();
        slots.add(SlotView.main(revision));
        RevisionSlot.of(articleKey, revision.revSeq).stream().map(SlotView::of).forEach(slots::add);
        return Response.ok(slots, MediaType.APPLICATION_JSON_TYPE).cacheControl(IMMUTABLE).build();
    }

    @GET
    @Path("{role}")
    @Produces({"text/plain; charset=UTF-8", Problem.MEDIA_TYPE})
    @Operation(operationId = "getSlotText", summary = "Get the exact text of one content slot of a revision")
    @APIResponse(responseCode = "200", description = "Exactly the slot's UTF-8 bytes",
            content = @Content(mediaType = "text/plain; charset=UTF-8", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)")
    @APIResponse(responseCode = "400", description = "The revision number is not a positive whole number, or"
            + " knownAt is not an ISO-8601 instant (`invalid-timestamp`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such revision, or it has no slot of that role, or it was"
            + " archived after `knownAt` (`revision-not-yet-archived`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "The slot's text is hidden at its source (`text-hidden`), or"
            + " the revision was redacted (`revision-redacted`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response getSlotText(
            @Parameter(description = "Stable article id chosen by the source", example = "commonswiki:42")
            @PathParam("key") String articleKey,
            @Parameter(description = "The revision's sequence number within the article", example = "1",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @PathParam("n") String revSeq,
            @Parameter(description = "The slot's role: main, or another the revision has", example = "mediainfo")
            @PathParam("role") String role,
            @Parameter(description = RevisionParameters.KNOWN_AT, example = "2024-01-01T00:00:00Z",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("knownAt") String knownAt,
            @Context Request request) {
        Revision revision = RevisionParameters.existing(articleKey, revSeq, RevisionParameters.knownAt(knownAt));
        String text;
        String sha1;
        boolean hidden;
        if (ContentSlot.MAIN.equals(role)) {
            text = revision.text();
            sha1 = revision.revSha1;
            hidden = revision.textHidden;
        } else {
            RevisionSlot slot = RevisionSlot.of(articleKey, revision.revSeq, role).orElseThrow(() ->
                    new ProblemException(QueryProblem.SLOT_NOT_FOUND, "revision " + revision.revSeq + " of '"
                            + articleKey + "' has no slot '" + role + "'; its slots are listed at …/slots"));
            text = slot.text;
            sha1 = slot.sha1;
            hidden = slot.textHidden;
        }
        if (revision.redacted()) {
            throw RedactionMark.gone(revision, "the slot list still names its slots");
        }
        if (hidden) {
            throw new ProblemException(QueryProblem.TEXT_HIDDEN, "the " + role + " slot of revision "
                    + revision.revSeq + " of '" + articleKey + "' is hidden at its source");
        }
        EntityTag tag = new EntityTag(sha1 + "-" + revision.revSeq + "-" + role);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        Response.ResponseBuilder builder = notModified != null ? notModified
                : Response.ok(text.getBytes(StandardCharsets.UTF_8), RevisionRepresentation.TEXT_UTF8);
        return builder.tag(tag).cacheControl(IMMUTABLE).build();
    }
}
