package dev.palimpsest.query.revision;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.problem.HttpProblem;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.readmodel.Revision;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The two forms of one revision: JSON (metadata and text; the default, also for {@code Accept: *}{@code /*} or no
 * Accept) or, for a client that prefers {@code text/plain}, exactly the text's UTF-8 bytes. Each form has its own
 * strong ETag, since they are different byte sequences; a matching {@code If-None-Match} gets a 304.
 */
final class RevisionRepresentation {

    static final MediaType TEXT_UTF8 = MediaType.TEXT_PLAIN_TYPE.withCharset(StandardCharsets.UTF_8.name());

    enum Form { JSON, TEXT }

    private RevisionRepresentation() {
    }

    /**
     * The form for an Accept header, given as the media types in the client's order of preference: the first one
     * that JSON or plain text satisfies decides.
     *
     * @throws ProblemException 406 if the client accepts neither
     */
    static Form choose(List<MediaType> acceptable) {
        for (MediaType type : acceptable) {
            if (refused(type)) {
                continue;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return Form.JSON;
            }
            if (type.isCompatible(MediaType.TEXT_PLAIN_TYPE)) {
                return Form.TEXT;
            }
        }
        throw new ProblemException(HttpProblem.NOT_ACCEPTABLE,
                "a revision is available as application/json or text/plain; charset=UTF-8");
    }

    /** {@code q=0} means "not this one". */
    private static boolean refused(MediaType type) {
        String quality = type.getParameters().get("q");
        try {
            return quality != null && Double.parseDouble(quality) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A strong validator for the chosen form; revisions never change, so neither does this tag. */
    static EntityTag entityTag(Revision revision, Form form) {
        String content = revision.textHidden ? "hidden" : revision.revSha1;
        return new EntityTag(content + "-" + revision.revSeq + (form == Form.JSON ? "-json" : ""));
    }

    static Response.ResponseBuilder respond(Revision revision, HttpHeaders headers, Request request) {
        Form form = choose(headers.getAcceptableMediaTypes());
        if (form == Form.TEXT && revision.textHidden) {
            throw new ProblemException(QueryProblem.TEXT_HIDDEN, "the text of revision " + revision.revSeq + " of '"
                    + revision.articleKey + "' is hidden at its source; its metadata is in the JSON form");
        }
        EntityTag tag = entityTag(revision, form);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        Response.ResponseBuilder builder = notModified != null ? notModified
                : form == Form.JSON
                ? Response.ok(RevisionView.of(revision), MediaType.APPLICATION_JSON_TYPE)
                : Response.ok(revision.text.getBytes(StandardCharsets.UTF_8), TEXT_UTF8);
        return builder.tag(tag).header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
    }
}
