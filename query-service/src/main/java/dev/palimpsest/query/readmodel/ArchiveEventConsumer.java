package dev.palimpsest.query.readmodel;

import dev.palimpsest.consumer.BatchHandler;
import dev.palimpsest.consumer.BatchIntake;
import dev.palimpsest.consumer.ConsumedRecord;
import dev.palimpsest.consumer.DeadLetters;
import dev.palimpsest.consumer.TransientFailureRetry;
import dev.palimpsest.events.ArchiveEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import dev.palimpsest.query.provenance.ProvenanceProjection;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds {@code palimpsest.revisions.archived} into the read model, a batch (one poll of the broker) at a time, in
 * partition order, through consumer-support's {@link BatchIntake} (ADR 0028), which does what both consumers do (a
 * span per record, dead letters, the wait for the database); what is the read model's own is here: one transaction
 * of {@link ReadModelWriter#applyAll} per batch, its metrics and log lines.
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
 * between, through the datasource check). Any other failure nacks the batch
 * ({@link BatchIntake.WhenRefused#FAIL_THE_BATCH}), which stops the channel
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
    private final ReadModelMetrics metrics;
    private final LiveApplyGate gate;
    private final ProvenanceProjection provenance;
    private final BatchIntake<ArchiveEvent> intake;

    public ArchiveEventConsumer(ReadModelWriter writer, DeadLetters deadLetters, TransientFailureRetry retry,
                                OpenTelemetry openTelemetry, ReadModelMetrics metrics, LiveApplyGate gate,
                                ProvenanceProjection provenance) {
        this.writer = writer;
        this.provenance = provenance;
        this.metrics = metrics;
        this.gate = gate;
        this.intake = new BatchIntake<>(openTelemetry, ArchiveEventConsumer.class.getName(), "apply", deadLetters,
                retry, UndecodableArchiveEvent::new, BatchIntake.WhenRefused.FAIL_THE_BATCH);
    }

    @Incoming("revisions-archived")
    @Blocking // JDBC and JTA: run on a worker thread, one batch at a time (ordered), never on the event loop
    public void consume(ConsumerRecords<String, ArchiveEvent> records) {
        // a read-model switchover (ADR 0024) happens between batches, never during one
        gate.runBatch(() -> intake.take(records, applying));
    }

    /** The read model's part of a batch: one transaction of {@link ReadModelWriter#applyAll}, then metrics. */
    private final BatchHandler<ArchiveEvent, List<ReadModelWriter.Applied>> applying = new BatchHandler<>() {

        @Override
        public List<ReadModelWriter.Applied> store(List<ArchiveEvent> events) {
            return writer.applyAll(events);
        }

        @Override
        public String describe(List<ArchiveEvent> events) {
            return "apply " + events.size() + " archive event(s)";
        }

        @Override
        public List<Invalid<ArchiveEvent>> invalid(List<ReadModelWriter.Applied> outcomes) {
            return outcomes.stream().filter(outcome -> outcome.refusal() != null)
                    .map(outcome -> new Invalid<ArchiveEvent>(outcome.event(), outcome.refusal()))
                    .toList();
        }

        @Override
        public List<Uni<Void>> committed(List<ConsumedRecord<ArchiveEvent>> records,
                                         List<ReadModelWriter.Applied> outcomes) {
            Instant committed = Instant.now();
            Map<ArchiveEvent, ConsumedRecord<ArchiveEvent>> origins = new IdentityHashMap<>();
            records.forEach(record -> origins.put(record.event(), record));
            int applied = 0;
            for (ReadModelWriter.Applied outcome : outcomes) {
                if (outcome.refusal() != null) {
                    continue; // dead-lettered by the intake
                }
                ArchiveEvent event = outcome.event();
                ConsumedRecord<ArchiveEvent> origin = origins.get(event);
                metrics.applied(event, outcome.outcome(), origin.origin().topic(), origin.origin().partition(),
                        committed);
                if (outcome.outcome() == ReadModelWriter.Outcome.APPLIED) {
                    applied++;
                }
                if (LOG.isDebugEnabled()) {
                    // in the record's span: the line carries its trace id (MDC), the same as the ingest's and archive's
                    origin.within(() -> {
                        if (outcome.outcome() == ReadModelWriter.Outcome.APPLIED) {
                            LOG.debugf("applied %s %s #%d (submission %s) at %s", event.getClass().getSimpleName(),
                                    event.articleKey(), event.revSeq(), event.submissionId(), origin.position());
                        } else {
                            LOG.debugf("already applied: %s at %s", event.submissionId(), origin.position());
                        }
                    });
                }
            }
            provenance.touched(outcomes.stream()
                    .filter(outcome -> outcome.refusal() == null
                            && outcome.outcome() == ReadModelWriter.Outcome.APPLIED)
                    .map(outcome -> outcome.event().articleKey())
                    .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
            ArchiveEvent last = records.get(records.size() - 1).event();
            LOG.infof("applied %d of %d archive event(s), up to %s #%d", applied, records.size(), last.articleKey(),
                    last.revSeq());
            return List.of();
        }
    };
}
