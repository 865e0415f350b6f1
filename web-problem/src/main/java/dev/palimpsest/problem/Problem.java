package dev.palimpsest.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem details body, served as {@code application/problem+json}.
 *
 * @param type     stable URI naming the kind of error
 * @param title    short summary of the kind
 * @param status   the HTTP status code, repeated for convenience
 * @param detail   what went wrong with this request, in words a client can act on
 * @param instance the request path the problem occurred on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details, served as application/problem+json. Clients"
        + " switch on `type`; `title` and `detail` are for people.",
        requiredProperties = {"type", "title", "status"},
        example = """
                {"type":"https://palimpsest.dev/problems/no-revision-at-time","title":"No revision at that time",\
                "status":404,"detail":"article 'jasic-workers-solidarity-group' has no revision at or before \
                2020-01-01T00:00:00Z; its first is from 2024-01-01T00:00:00Z",\
                "instance":"/articles/jasic-workers-solidarity-group/as-of"}""")
public record Problem(
        @Schema(description = "Stable URI naming the kind of error (https://palimpsest.dev/problems/{slug});"
                + " it never changes from one occurrence to the next",
                examples = "https://palimpsest.dev/problems/invalid-timestamp") String type,
        @Schema(description = "Short summary of the kind of error, the same for every occurrence",
                examples = "Invalid timestamp") String title,
        @Schema(description = "The HTTP status code of the response, repeated for convenience",
                examples = "400", minimum = "400", maximum = "599") int status,
        @Schema(description = "What went wrong with this request, in words a client can act on",
                examples = "timestamp: '2019-13-01' is not an ISO-8601 instant such as 2019-01-01T00:00:00Z")
        String detail,
        @Schema(description = "The request path the problem occurred on",
                examples = "/articles/jasic-workers-solidarity-group/revisions") String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemKind kind, String detail, String instance) {
        return new Problem(kind.type(), kind.title(), kind.status(), detail, instance);
    }
}
