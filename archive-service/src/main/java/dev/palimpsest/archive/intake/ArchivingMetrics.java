package dev.palimpsest.archive.intake;

import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.RedactionRejected;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.RevisionRedacted;
import dev.palimpsest.events.SubmissionDeduplicated;
import dev.palimpsest.events.SubmittedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the archive's consumer measures (Prometheus names): {@code palimpsest_archive_batch_seconds} (a batch, from
 * its poll to the broker's acknowledgement of its answers), {@code palimpsest_archive_revision_latency_seconds}
 * (a new revision, from ingest's receipt of it to the commit that stored it) and
 * {@code palimpsest_archive_answers_total} (submissions answered, by outcome). Every series exists from the start.
 */
// created at startup, not on first use: every series is exposed (at 0) before anything happens
@Startup
@ApplicationScoped
public class ArchivingMetrics {

    /** The kinds of answer, as the {@code outcome} label says them. */
    static final String ARCHIVED = "archived";
    static final String DEDUPLICATED = "deduplicated";
    static final String REDACTED = "redacted";
    static final String REDACTION_REJECTED = "redaction_rejected";

    private final Timer batch;
    private final Timer revisionLatency;
    private final Map<String, Counter> answers;

    public ArchivingMetrics(MeterRegistry registry) {
        batch = Timer.builder("palimpsest.archive.batch")
                .description("Time to archive one batch of submissions (one poll): from the poll to the broker's"
                        + " acknowledgement of its answers and dead letters")
                .publishPercentileHistogram()
                .register(registry);
        revisionLatency = Timer.builder("palimpsest.archive.revision.latency")
                .description("Time from ingest's receipt of a revision (its event's dt) to the commit of the"
                        + " transaction that archived it as a new revision")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
        answers = List.of(ARCHIVED, DEDUPLICATED, REDACTED, REDACTION_REJECTED).stream()
                .collect(Collectors.toMap(Function.identity(), outcome -> Counter.builder("palimpsest.archive.answers")
                        .description("Submissions the archive answered (its answers go to"
                                + " palimpsest.revisions.archived), by outcome; a redelivered batch is answered again")
                        .tag("outcome", outcome)
                        .register(registry)));
    }

    void batchArchived(Duration took) {
        batch.record(took);
    }

    /**
     * Counts {@code published} answers, and records the latency of those that stored a new revision in the
     * transaction committed at {@code committed} (a revision archived earlier is answered with its first
     * {@code archivedAt}, before this batch {@code started}: not a new one).
     */
    void answered(List<? extends SubmittedEvent> submissions, List<ArchiveEvent> published, Instant started,
                  Instant committed) {
        Map<UUID, SubmittedEvent> byId = submissions.stream()
                .collect(Collectors.toMap(submission -> submission.meta().id(), Function.identity(), (a, b) -> a));
        for (ArchiveEvent answer : published) {
            if (answer instanceof dev.palimpsest.events.TextsArchived) {
                continue; // texts for the answers, not an answer
            }
            answers.get(outcomeOf(answer)).increment();
            if (answer instanceof RevisionArchived archived && !archived.archivedAt().isBefore(started)) {
                SubmittedEvent submission = byId.get(archived.submissionId());
                if (submission != null) {
                    revisionLatency.record(Duration.between(submission.meta().dt(), committed));
                }
            }
        }
    }

    private static String outcomeOf(ArchiveEvent answer) {
        if (answer instanceof RevisionArchived) {
            return ARCHIVED;
        }
        if (answer instanceof SubmissionDeduplicated) {
            return DEDUPLICATED;
        }
        if (answer instanceof RevisionRedacted) {
            return REDACTED;
        }
        if (answer instanceof RedactionRejected) {
            return REDACTION_REJECTED;
        }
        throw new IllegalArgumentException("unknown kind of answer " + answer.getClass().getName());
    }
}
