package dev.palimpsest.query.readmodel;

import dev.palimpsest.consumer.DeadLetters;
import dev.palimpsest.consumer.TransientFailureRetry;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.tracing.ConsumedRecordSpans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds {@code palimpsest.revisions.archived} into the read model, a batch (one poll of the broker) at a time, in
 * partition order.
 *
 * <p>Guarantees: a record's offset is committed only after its transaction has committed. The method consumes the
 * batch's records (not a {@code Message}), so the connector acknowledges them only when this method returns
 * normally, and {@link ReadModelWriter#applyAll} commits the batch's one transaction before it returns; the
 * {@code throttled} commit strategy then commits offsets up to the highest acknowledged record. A crash in between
 * means redelivery, which {@link ReadModelWriter} absorbs (it is idempotent): at-least-once delivery, exactly-once
 * effect.
 *
 * <p>Failures: a record that cannot be decoded arrives with a {@code null} value (the channel has
 * {@code fail-on-deserialization-failure=false}) and goes to the dead-letter topic ({@link DeadLetters}), as does
 * an event that breaks an invariant ({@link InvalidArchiveEvent}): neither can succeed on retry, and stopping would
 * block every later revision of the partition. The batch's dead letters are acknowledged by the broker before this
 * method returns, so before the batch's offsets can be committed: none is lost (a crash in between publishes them
 * again). A transient database failure (the database restarting, connections cut, a deadlock) is retried in
 * place with backoff ({@link TransientFailureRetry}), without limit: the batch stays unacknowledged meanwhile, so no
 * later offset is committed, and the consumer goes on by itself once the database is back (readiness is DOWN in
 * between, through the datasource check). Any other failure nacks the batch, which stops the channel
 * ({@code failure-strategy=fail}) and turns health DOWN; after a restart consumption resumes from the last
 * committed offset, so nothing is skipped.
 *
 * <p>Rebuilds (ADR 0024): each batch is applied while holding the {@link LiveApplyGate}, so a switchover to a
 * rebuilt generation happens between two batches; the batch after it is applied to the new generation.
 *
 * <p>Tracing (ADR 0016): each record of the batch gets its own span ({@code palimpsest.revisions.archived apply}),
 * child of the context the archive wrote into its headers, so the trace of a submission ends here.
 */
@ApplicationScoped
public class ArchiveEventConsumer {

    private static final Logger LOG = Logger.getLogger(ArchiveEventConsumer.class);

    private final ReadModelWriter writer;
    private final DeadLetters deadLetters;
    private final TransientFailureRetry retry;
    private final OpenTelemetry openTelemetry;
    private final ReadModelMetrics metrics;
    private final LiveApplyGate gate;

    public ArchiveEventConsumer(ReadModelWriter writer, DeadLetters deadLetters, TransientFailureRetry retry,
                                OpenTelemetry openTelemetry, ReadModelMetrics metrics, LiveApplyGate gate) {
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.retry = retry;
        this.openTelemetry = openTelemetry;
        this.metrics = metrics;
        this.gate = gate;
    }

    @Incoming("revisions-archived")
    @Blocking // JDBC and JTA: run on a worker thread, one batch at a time (ordered), never on the event loop
    public void consume(ConsumerRecords<String, ArchiveEvent> records) {
        ConsumedRecordSpans spans = new ConsumedRecordSpans(openTelemetry, ArchiveEventConsumer.class.getName(),
                "apply");
        try {
            // a read-model switchover (ADR 0024) happens between batches, never during one
            gate.runBatch(() -> consume(records, spans));
            spans.endAll();
        } catch (RuntimeException e) {
            spans.failAll(e);
            throw e;
        }
    }

    private void consume(ConsumerRecords<String, ArchiveEvent> records, ConsumedRecordSpans spans) {
        List<ArchiveEvent> events = new ArrayList<>(records.count());
        Map<ArchiveEvent, ConsumerRecord<String, ArchiveEvent>> origins = new IdentityHashMap<>();
        Map<ArchiveEvent, Context> traces = new IdentityHashMap<>();
        List<Uni<Void>> deadLettered = new ArrayList<>();
        for (ConsumerRecord<String, ArchiveEvent> record : records) {
            Context trace = spans.start(record.topic(), record.partition(), record.offset(), record.headers(),
                    record.key());
            if (record.value() == null) {
                deadLettered.add(deadLetters.send(record, DeadLetters.Kind.UNDECODABLE,
                        new UndecodableArchiveEvent(undecodableReason(record))));
            } else {
                events.add(record.value());
                origins.put(record.value(), record);
                traces.put(record.value(), trace);
            }
        }
        if (!events.isEmpty()) {
            apply(events, origins, traces, deadLettered);
        }
        // Waits for the broker: the batch is acknowledged (its offsets committable) only once its dead letters are
        // in their log.
        if (!deadLettered.isEmpty()) {
            Uni.join().all(deadLettered).andFailFast().await().indefinitely();
        }
    }

    private void apply(List<ArchiveEvent> events, Map<ArchiveEvent, ConsumerRecord<String, ArchiveEvent>> origins,
                       Map<ArchiveEvent, Context> traces, List<Uni<Void>> deadLettered) {
        int applied = 0;
        // a database that is away (restarting, connections cut) is waited for here, the batch unacknowledged
        List<ReadModelWriter.Applied> outcomes = retry.run("apply " + events.size() + " archive event(s)",
                () -> writer.applyAll(events));
        Instant committed = Instant.now();
        for (ReadModelWriter.Applied outcome : outcomes) {
            ArchiveEvent event = outcome.event();
            if (outcome.refusal() != null) {
                deadLettered.add(deadLetters.send(origins.get(event), DeadLetters.Kind.INVALID, outcome.refusal()));
                continue;
            }
            ConsumerRecord<String, ArchiveEvent> origin = origins.get(event);
            metrics.applied(event, outcome.outcome(), origin.topic(), origin.partition(), committed);
            if (outcome.outcome() == ReadModelWriter.Outcome.APPLIED) {
                applied++;
            }
            if (LOG.isDebugEnabled()) {
                // in the record's span: the line carries its trace id (MDC), the same as the ingest's and archive's
                ConsumedRecordSpans.within(traces.get(event), () -> {
                    if (outcome.outcome() == ReadModelWriter.Outcome.APPLIED) {
                        LOG.debugf("applied %s %s #%d (submission %s) at %s", event.getClass().getSimpleName(),
                                event.articleKey(), event.revSeq(), event.submissionId(), position(origin));
                    } else {
                        LOG.debugf("already applied: %s at %s", event.submissionId(), position(origin));
                    }
                });
            }
        }
        ArchiveEvent last = events.get(events.size() - 1);
        LOG.infof("applied %d of %d archive event(s), up to %s #%d", applied, events.size(), last.articleKey(),
                last.revSeq());
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static String undecodableReason(ConsumerRecord<?, ?> record) {
        Header reason = record.headers().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON);
        return reason == null
                ? "a record without a value (tombstone)"
                : "undecodable record: " + new String(reason.value(), StandardCharsets.UTF_8);
    }
}
