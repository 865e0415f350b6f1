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
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(examples = "https://palimpsest.dev/problems/invalid-timestamp") String type,
        @Schema(examples = "Invalid timestamp") String title,
        @Schema(examples = "400") int status,
        @Schema(examples = "timestamp: '2019-13-01' is not an ISO-8601 instant such as 2019-01-01T00:00:00Z")
        String detail,
        @Schema(examples = "/articles/jasic-workers-solidarity-group/revisions") String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemKind kind, String detail, String instance) {
        return new Problem(kind.type(), kind.title(), kind.status(), detail, instance);
    }
}
