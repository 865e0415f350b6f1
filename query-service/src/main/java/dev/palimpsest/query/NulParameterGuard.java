package dev.palimpsest.query;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemMappers;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * Refuses a request whose path or query parameters hold a NUL character ({@code %00}) before any resource sees it.
 * No stored key, title or role can contain one (PostgreSQL text cannot hold NUL, and ingest refuses it), so the
 * answer is known; and passed on, a NUL fails the query in the database driver (a 500) or is silently trimmed
 * ({@code String.trim()} drops it from a timestamp). One check here rather than one per parameter.
 */
public class NulParameterGuard {

    @ServerRequestFilter
    public Response refuseNul(UriInfo uri) {
        String offending = firstWithNul(uri.getPathParameters());
        if (offending == null) {
            offending = firstWithNul(uri.getQueryParameters());
        }
        if (offending == null) {
            return null;
        }
        return ProblemMappers.respond(Problem.of(QueryProblem.INVALID_PARAMETER,
                offending + ": contains a NUL character, which no archived value has", uri.getPath()));
    }

    private static String firstWithNul(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (parameter.getValue().stream().anyMatch(value -> value != null && value.indexOf('\0') >= 0)) {
                return parameter.getKey();
            }
        }
        return null;
    }
}
