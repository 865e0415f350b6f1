package dev.palimpsest.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into {@code application/problem+json}: known problems with their kind, errors of the HTTP
 * layer (unknown route, wrong method or media type) by status, and anything unexpected as a 500 that names no
 * internals (the stack trace goes to the log, never to the client). What is refused before the REST layer sees the
 * request is answered alike by {@link HttpLayerProblems} (router, body limit) and {@link InvalidRequestProblems}
 * (Vert.x's HTTP codec, Quarkus's URI check).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(Problem.of(e.kind(), e.detail(), uri.getPath()));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "request to %s failed", uri.getPath());
        }
        HttpProblem kind = HttpProblem.forStatus(status);
        String detail = status >= 500 ? null : e.getMessage();
        return respond(new Problem(kind.type(), kind.title(), status, detail, uri.getPath()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "request to %s failed", uri.getPath());
        return respond(Problem.of(HttpProblem.INTERNAL, "the request could not be completed; the error is logged",
                uri.getPath()));
    }
}
