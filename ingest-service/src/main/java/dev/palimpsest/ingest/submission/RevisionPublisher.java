package dev.palimpsest.ingest.submission;

import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.SubmittedEvent;
import dev.palimpsest.ingest.IngestProblem;
import dev.palimpsest.problem.ProblemException;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Puts validated revisions into the log of record. A revision counts as accepted only once the broker has
 * acknowledged it ({@code acks=all}, idempotent producer); until then the client gets no 202.
 */
@ApplicationScoped
public class RevisionPublisher {

    private static final Logger LOG = Logger.getLogger(RevisionPublisher.class);

    private final MutinyEmitter<SubmittedEvent> emitter;
    private final Duration publishTimeout;
    private final SubmissionMetrics metrics;

    /**
     * @param emitter single submissions: sent at once, each waited for by its client (imports have a producer of
     *                their own, {@code ImportProducer})
     */
    public RevisionPublisher(@Channel("revisions-submitted") MutinyEmitter<SubmittedEvent> emitter,
                             @ConfigProperty(name = "palimpsest.ingest.publish-timeout") Duration publishTimeout,
                             SubmissionMetrics metrics) {
        this.emitter = emitter;
        this.publishTimeout = publishTimeout;
        this.metrics = metrics;
    }

    /** Publishes {@code event} and returns it once the broker has acknowledged it. */
    public RevisionSubmitted publish(RevisionSubmitted event) {
        EventMeta meta = event.meta();
        try {
            send(event).toCompletableFuture().get(publishTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(IngestProblem.PUBLISH_FAILED, "interrupted before the broker acknowledged");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.warnf("could not publish submission %s of %s: %s", meta.id(), event.articleKey(), e.toString());
            throw new ProblemException(IngestProblem.PUBLISH_FAILED,
                    "the broker did not acknowledge the revision; nothing was accepted, retry later");
        }
        LOG.infof("accepted %s for %s (%s, %d bytes)", meta.id(), event.articleKey(), event.idempotencyKey(),
                event.mainText().length());
        return event;
    }

    /**
     * Sends {@code event} keyed by its article; completes when the broker has acknowledged it (or failed). Sends
     * of one article keep their order: one partition, an idempotent producer.
     */
    public java.util.concurrent.CompletionStage<Void> send(RevisionSubmitted event) {
        return send(event, Context.current());
    }

    /**
     * As {@link #send(RevisionSubmitted)}, traced as a child of {@code trace}: the connector's producer span, and
     * the {@code traceparent} it writes into the record's headers, continue that trace (ADR 0016). Given
     * explicitly because the emitter may hand the message to the producer on another thread, where the caller's
     * context is no longer current.
     */
    public java.util.concurrent.CompletionStage<Void> send(RevisionSubmitted event, Context trace) {
        Message<SubmittedEvent> message = Message.<SubmittedEvent>of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.articleKey()).build())
                .addMetadata(TracingMetadata.withCurrent(trace));
        long started = System.nanoTime();
        return metrics.timePublish(emitter.sendMessage(message).subscribeAsCompletionStage(), started);
    }
}
