package dev.palimpsest.query.revision;

import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.problem.HttpProblem;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.redaction.RedactionMark;
import dev.palimpsest.query.revert.Revert;
import jakarta.ws.rs.core.CacheControl;
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

    private static final CacheControl IMMUTABLE = CacheControl.valueOf("public, max-age=31536000, immutable");
    private static final CacheControl REVALIDATE = CacheControl.valueOf("public, no-cache");

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

    /**
     * A strong validator for the chosen form. The text never changes; the JSON form also shows the revert, which a
     * revision archived later between the two can change, so its tag names the revert too.
     */
    static EntityTag entityTag(Revision revision, Revert revert, Form form) {
        // a redaction changes the JSON form (and ends the text form): a cached copy must not validate any more
        String content = (revision.textHidden ? "hidden" : revision.revSha1)
                + (revision.redacted() ? "-redacted" : "");
        String tag = content + "-" + revision.revSeq;
        if (form == Form.JSON) {
            tag += (revert == null ? "" : "-" + revert.fingerprint()) + "-json";
        }
        return new EntityTag(tag);
    }

    /**
     * How long a revision's own link may be cached: its text forever; its JSON form only after asking again (a cheap
     * 304 while the ETag holds), since its revert may change.
     */
    static CacheControl cacheControl(Form form) {
        return form == Form.TEXT ? IMMUTABLE : REVALIDATE;
    }

    /** @param form what {@link #choose} chose for the request's Accept header */
    static Response.ResponseBuilder respond(Form form, Revision revision, Revert revert, Request request) {
        if (form == Form.TEXT && revision.redacted()) {
            throw RedactionMark.gone(revision, "its metadata, with the redaction, is in the JSON form");
        }
        if (form == Form.TEXT && revision.textHidden) {
            throw new ProblemException(QueryProblem.TEXT_HIDDEN, "the text of revision " + revision.revSeq + " of '"
                    + revision.articleKey + "' is hidden at its source; its metadata is in the JSON form");
        }
        EntityTag tag = entityTag(revision, revert, form);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        Response.ResponseBuilder builder = notModified != null ? notModified
                : form == Form.JSON
                ? Response.ok(RevisionView.of(revision, revert), MediaType.APPLICATION_JSON_TYPE)
                : Response.ok(revision.textUtf8(), TEXT_UTF8);
        return builder.tag(tag).header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
    }
}
