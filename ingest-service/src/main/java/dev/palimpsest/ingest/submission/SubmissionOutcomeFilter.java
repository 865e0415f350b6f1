package dev.palimpsest.ingest.submission;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Counts each answer of a {@link CountedSubmission} operation once its status is known: after the resource method,
 * or after the exception mappers answered for it (a refused token, a rate limit, a broken rule, a broker away).
 */
@Provider
@CountedSubmission
public class SubmissionOutcomeFilter implements ContainerResponseFilter {

    private final SubmissionMetrics metrics;

    public SubmissionOutcomeFilter(SubmissionMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        metrics.answered(response.getStatus(), response.getEntity());
    }
}
