package dev.palimpsest.ingest.submission;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * What ingest measures of its writes (Prometheus names): {@code palimpsest_ingest_submissions_total{outcome,reason}}
 * (every answer to {@code POST /articles/{key}/revisions}: accepted, refused with a 4xx, or failed with a 5xx, and
 * the problem type's slug as the reason), and {@code palimpsest_ingest_publish_seconds{outcome}} (from handing an
 * event to the producer to the broker's acknowledgement, for submissions and imports alike).
 */
// created at startup, not on first use: every series is exposed (at 0) before anything happens
@Startup
@ApplicationScoped
public class SubmissionMetrics {

    static final String SUBMISSIONS = "palimpsest.ingest.submissions";
    static final String ACCEPTED = "accepted";
    static final String REFUSED = "refused";
    static final String FAILED = "failed";
    /** The reason of an accepted submission, and of an answer without a problem body. */
    static final String NO_REASON = "none";

    private final MeterRegistry registry;
    private final Timer acknowledged;
    private final Timer unacknowledged;

    public SubmissionMetrics(MeterRegistry registry) {
        this.registry = registry;
        submissions(ACCEPTED, NO_REASON);
        acknowledged = publishTimer(registry, "acknowledged");
        unacknowledged = publishTimer(registry, "failed");
    }

    private static Timer publishTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("palimpsest.ingest.publish")
                .description("Time from handing a submitted event to the Kafka producer to the broker's"
                        + " acknowledgement (acks=all), or its failure")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }

    private Counter submissions(String outcome, String reason) {
        return Counter.builder(SUBMISSIONS)
                .description("Answers to POST /articles/{key}/revisions: accepted (202), refused (4xx) or failed"
                        + " (5xx), with the problem type's slug as the reason")
                .tag("outcome", outcome).tag("reason", reason)
                .register(registry);
    }

    /** Counts an answer to a submission, given its status and entity (a {@link Problem} when refused). */
    void answered(int status, Object entity) {
        String outcome = status < 400 ? ACCEPTED : status < 500 ? REFUSED : FAILED;
        String reason = entity instanceof Problem problem && problem.type() != null
                && problem.type().startsWith(ProblemKind.TYPE_BASE)
                ? problem.type().substring(ProblemKind.TYPE_BASE.length()) : NO_REASON;
        submissions(outcome, reason).increment();
    }

    /** Times {@code send} until the broker answers; returns it unchanged. */
    public CompletionStage<Void> timePublish(CompletionStage<Void> send, long startedNanos) {
        return send.whenComplete((ok, error) -> (error == null ? acknowledged : unacknowledged)
                .record(Duration.ofNanos(System.nanoTime() - startedNanos)));
    }
}
