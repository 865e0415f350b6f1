package dev.palimpsest.ingest.submission;

import dev.palimpsest.ingest.IngestProblem;
import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemMappers;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a revision whose body is announced (by {@code Content-Length}) as larger than the limit, before reading
 * any of it. Bodies without a length are cut off at the limit as they are read, in the resource.
 */
public class BodySizeLimit {

    private final long maxBodyBytes;

    public BodySizeLimit(@ConfigProperty(name = "palimpsest.ingest.max-body-size") MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    @ServerRequestFilter(preMatching = true)
    public Response refuseOversizedBody(ContainerRequestContext request) {
        String announced = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (announced == null) {
            return null;
        }
        long length;
        try {
            length = Long.parseLong(announced.strip());
        } catch (NumberFormatException e) {
            return null;
        }
        if (length <= maxBodyBytes || request.getUriInfo().getPath().startsWith("/imports")) {
            return null; // imports have their own, larger limit, checked as they stream in
        }
        return ProblemMappers.respond(Problem.of(IngestProblem.BODY_TOO_LARGE,
                "the body has " + length + " bytes; the limit is " + maxBodyBytes,
                request.getUriInfo().getPath()));
    }
}
