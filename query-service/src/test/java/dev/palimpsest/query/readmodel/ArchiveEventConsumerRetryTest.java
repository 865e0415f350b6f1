package dev.palimpsest.query.readmodel;

import dev.palimpsest.consumer.DeadLetters;
import dev.palimpsest.consumer.TransientFailureRetry;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.SubmissionDeduplicated;
import dev.palimpsest.events.Topics;
import io.opentelemetry.api.OpenTelemetry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import dev.palimpsest.query.provenance.ProvenanceProjection;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The consumer waits out a database that is away, instead of failing the batch: a failed batch used to stop the
 * channel ({@code failure-strategy=fail}) until someone restarted the service, so the read model fell behind for
 * good after a PostgreSQL restart. The fault runs in e2e-tests show the whole recovery; this shows the rule.
 */
class ArchiveEventConsumerRetryTest {

    private static final TopicPartition PARTITION = new TopicPartition(Topics.REVISIONS_ARCHIVED, 0);

    /** A writer whose database fails the first {@code failures} attempts with {@code failure}, then works. */
    private static final class FlakyWriter extends ReadModelWriter {
        private final int failures;
        private final RuntimeException failure;
        private final List<List<ArchiveEvent>> attempts = new ArrayList<>();

        FlakyWriter(int failures, RuntimeException failure) {
            super(null, null, null, null);
            this.failures = failures;
            this.failure = failure;
        }

        @Override
        public List<Applied> applyAll(List<ArchiveEvent> events) {
            attempts.add(List.copyOf(events));
            if (attempts.size() <= failures) {
                throw failure;
            }
            return events.stream().map(event -> new Applied(event, Outcome.APPLIED, null)).toList();
        }
    }

    private final TransientFailureRetry retry = new TransientFailureRetry(Duration.ofMillis(1), Duration.ofMillis(4));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // no record of these batches is dead-lettered: the emitter is never used
    private final DeadLetters deadLetters = new DeadLetters(null, Topics.ARCHIVED_DLQ, registry);
    private final ReadModelMetrics metrics = new ReadModelMetrics(registry);
    /** Switched off: it is told of nothing, so it needs no database. */
    private static final ProvenanceProjection NO_PROVENANCE = new ProvenanceProjection(null, null, false,
            java.time.Duration.ofSeconds(10));

    @Test
    void aBatchIsAppliedWholeOnceTheDatabaseIsBack() {
        FlakyWriter writer = new FlakyWriter(3, new RuntimeException(new SQLException("Connection refused", "08001")));
        ConsumerRecords<String, ArchiveEvent> batch = batch(3);

        new ArchiveEventConsumer(writer, deadLetters, retry, OpenTelemetry.noop(), metrics, new LiveApplyGate(),
                NO_PROVENANCE).consume(batch);

        assertEquals(4, writer.attempts.size(), "three failed attempts, then the one that worked");
        List<ArchiveEvent> sent = new ArrayList<>();
        batch.forEach(record -> sent.add(record.value()));
        writer.attempts.forEach(attempt -> assertEquals(sent, attempt, "every attempt is the whole batch, in order"));
    }

    @Test
    void otherFailuresStillFailTheBatch() {
        IllegalStateException bug = new IllegalStateException("a bug, not an outage");
        FlakyWriter writer = new FlakyWriter(1, bug);

        var consumer = new ArchiveEventConsumer(writer, deadLetters, retry, OpenTelemetry.noop(), metrics,
                new LiveApplyGate(), NO_PROVENANCE);

        assertEquals(bug, assertThrows(IllegalStateException.class, () -> consumer.consume(batch(2))));
        assertEquals(1, writer.attempts.size(), "not retried");
    }

    private static ConsumerRecords<String, ArchiveEvent> batch(int size) {
        List<ConsumerRecord<String, ArchiveEvent>> records = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ArchiveEvent event = new SubmissionDeduplicated(SubmissionDeduplicated.SCHEMA,
                    EventMeta.now(Topics.REVISIONS_ARCHIVED, null), UUID.randomUUID(), "retrywiki:1", i + 1);
            records.add(new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), i, "retrywiki:1", event));
        }
        return new ConsumerRecords<>(Map.of(PARTITION, records), Map.of());
    }
}
