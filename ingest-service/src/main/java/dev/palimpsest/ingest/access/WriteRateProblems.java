package dev.palimpsest.ingest.access;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemMappers;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** {@code 429 rate-limited} as problem details, with the {@code Retry-After} a client should honour. */
public class WriteRateProblems {

    @ServerExceptionMapper
    public Response rateExceeded(WriteRateExceeded e, UriInfo uri) {
        Response problem = ProblemMappers.respond(Problem.of(e.kind(), e.detail(), uri.getPath()));
        return Response.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
    }
}
