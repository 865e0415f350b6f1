package dev.palimpsest.consumer;

import dev.palimpsest.events.kafka.DeadLetterHeaders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The door both consumers take their batches through: what it does with undecodable, invalid and refused records,
 * with database outages, with the handler's sends, and with each record's span. Plain JUnit: the dead-letter
 * emitter records what it is given, the spans go to an in-memory exporter.
 */
class BatchIntakeTest {

    private static final String TOPIC = "palimpsest.test";
    private static final String DLQ = "palimpsest.test.dlq";
    private static final RuntimeException OUTAGE = new RuntimeException(new SQLException("Connection refused",
            "08001"));

    /** What a service's undecodable reason looks like: its own class, as the dead letter's header names it. */
    static final class UndecodableTestEvent extends RuntimeException {
        UndecodableTestEvent(String reason) {
            super(reason);
        }
    }

    /** The dead letters the emitter was given, as messages. */
    private final List<Message<?>> deadLetterMessages = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeadLetters deadLetters = new DeadLetters(recordingEmitter(), DLQ, registry);
    private final TransientFailureRetry retry = new TransientFailureRetry(Duration.ofMillis(1), Duration.ofMillis(4));
    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final OpenTelemetry openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported))
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();

    /**
     * A handler over string events: "bad…" events break its model's invariant, "refused…" ones make the database
     * refuse any transaction they are in; the first {@code outages} calls fail as if the database were away.
     */
    private static class Handler implements BatchHandler<String, List<String>> {
        final List<List<String>> attempts = new ArrayList<>();
        final List<List<String>> committed = new ArrayList<>();
        final List<String> happened = new ArrayList<>();
        int outages;
        RuntimeException refusal = new IllegalStateException("refused by a constraint");

        @Override
        public List<String> store(List<String> events) {
            attempts.add(List.copyOf(events));
            if (outages > 0) {
                outages--;
                throw OUTAGE;
            }
            if (events.stream().anyMatch(event -> event.startsWith("refused"))) {
                throw refusal;
            }
            return events;
        }

        @Override
        public String describe(List<String> events) {
            return "store " + events.size() + " test event(s)";
        }

        @Override
        public List<Invalid<String>> invalid(List<String> stored) {
            return stored.stream().filter(event -> event.startsWith("bad"))
                    .map(event -> new Invalid<>(event, new IllegalArgumentException(event + " breaks a rule")))
                    .toList();
        }

        @Override
        public List<Uni<Void>> committed(List<ConsumedRecord<String>> records, List<String> stored) {
            committed.add(records.stream().map(ConsumedRecord::event).toList());
            return List.of(Uni.createFrom().item(() -> {
                happened.add("answers sent for " + stored);
                return null;
            }));
        }

        @Override
        public void acknowledged() {
            happened.add("acknowledged");
        }
    }

    private BatchIntake<String> intake(BatchIntake.WhenRefused whenRefused) {
        return new BatchIntake<>(openTelemetry, "test", "store", deadLetters, retry, UndecodableTestEvent::new,
                whenRefused);
    }

    @Test
    void decodedEventsReachTheHandlerInOrderAndUndecodableOnesAreDeadLetteredWithTheirReason() {
        Handler handler = new Handler();
        RecordHeaders notJson = new RecordHeaders();
        notJson.add(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON,
                "not a valid event".getBytes(StandardCharsets.UTF_8));
        notJson.add(DeserializationFailureHandler.DESERIALIZATION_FAILURE_DATA,
                "{not json".getBytes(StandardCharsets.UTF_8));

        intake(BatchIntake.WhenRefused.FAIL_THE_BATCH).take(List.of(
                record(0, "a"), record(1, null, notJson), record(2, "b"), record(3, null, new RecordHeaders()),
                record(4, "c")), handler);

        assertEquals(List.of(List.of("a", "b", "c")), handler.attempts, "one transaction, the decoded in log order");
        assertEquals(2, deadLetterMessages.size());
        assertDeadLetter(deadLetterMessages.get(0), 1, UndecodableTestEvent.class,
                "undecodable record: not a valid event");
        assertEquals("{not json", new String((byte[]) deadLetterMessages.get(0).getPayload(), StandardCharsets.UTF_8),
                "the dead letter keeps the bytes nobody could decode");
        assertDeadLetter(deadLetterMessages.get(1), 3, UndecodableTestEvent.class,
                "a record without a value (tombstone)");
        assertEquals(2.0, deadLettersCounted("undecodable"));
    }

    @Test
    void aBatchIsStoredWholeOnceTheDatabaseIsBack() {
        Handler handler = new Handler();
        handler.outages = 3;

        intake(BatchIntake.WhenRefused.FAIL_THE_BATCH).take(List.of(record(0, "a"), record(1, "b")), handler);

        assertEquals(List.of(List.of("a", "b"), List.of("a", "b"), List.of("a", "b"), List.of("a", "b")),
                handler.attempts, "three failed attempts, then the one that worked, each the whole batch");
        assertEquals(List.of(List.of("a", "b")), handler.committed);
        assertTrue(deadLetterMessages.isEmpty());
    }

    @Test
    void anEventBreakingAnInvariantIsDeadLetteredAndTheRestOfTheBatchGoesOn() {
        Handler handler = new Handler();

        intake(BatchIntake.WhenRefused.FAIL_THE_BATCH).take(List.of(record(0, "a"), record(1, "bad"),
                record(2, "c")), handler);

        assertEquals(List.of(List.of("a", "bad", "c")), handler.committed, "the handler sees its whole transaction");
        assertEquals(1, deadLetterMessages.size());
        assertDeadLetter(deadLetterMessages.get(0), 1, IllegalArgumentException.class, "bad breaks a rule");
        assertEquals("bad", deadLetterMessages.get(0).getPayload(), "the dead letter is the event itself");
        assertEquals(1.0, deadLettersCounted("invalid"));
    }

    @Test
    void whereARefusalFailsTheBatchNothingIsDeadLetteredOrAcknowledgedAndEverySpanFails() {
        Handler handler = new Handler();

        BatchIntake<String> intake = intake(BatchIntake.WhenRefused.FAIL_THE_BATCH);
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> intake.take(List.of(record(0, "a"), record(1, "refused")), handler));

        assertSame(handler.refusal, thrown);
        assertEquals(1, handler.attempts.size(), "not retried: not transient");
        assertTrue(deadLetterMessages.isEmpty());
        assertEquals(List.of(), handler.happened, "neither answered nor acknowledged");
        assertEquals(2, exported.getFinishedSpanItems().size());
        exported.getFinishedSpanItems().forEach(span ->
                assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode()));
    }

    @Test
    void whereEachIsStoredAloneOnlyTheRefusedEventIsDeadLettered() {
        Handler handler = new Handler();

        intake(BatchIntake.WhenRefused.STORE_EACH_ALONE).take(List.of(record(0, "a"), record(1, "refused"),
                record(2, "c")), handler);

        assertEquals(List.of(List.of("a", "refused", "c"), List.of("a"), List.of("refused"), List.of("c")),
                handler.attempts, "the batch, then each alone in log order");
        assertEquals(List.of(List.of("a"), List.of("c")), handler.committed, "one call per committed transaction");
        assertEquals(1, deadLetterMessages.size());
        assertDeadLetter(deadLetterMessages.get(0), 1, IllegalStateException.class, "refused by a constraint");
        assertEquals(1.0, deadLettersCounted("refused"));
    }

    @Test
    void aBatchOfOneRefusedIsDeadLetteredWithoutASecondAttempt() {
        Handler handler = new Handler();

        intake(BatchIntake.WhenRefused.STORE_EACH_ALONE).take(List.of(record(7, "refused")), handler);

        assertEquals(1, handler.attempts.size());
        assertDeadLetter(deadLetterMessages.get(0), 7, IllegalStateException.class, "refused by a constraint");
        assertEquals(List.of("acknowledged"), handler.happened);
    }

    @Test
    void theBatchIsAcknowledgedOnlyAfterItsSends() {
        Handler handler = new Handler();

        intake(BatchIntake.WhenRefused.FAIL_THE_BATCH).take(List.of(record(0, "a")), handler);

        assertEquals(List.of("answers sent for [a]", "acknowledged"), handler.happened);
    }

    @Test
    void aSendTheBrokerRefusesFailsTheBatch() {
        IllegalStateException brokerDown = new IllegalStateException("the broker refused the answer");
        Handler handler = new Handler() {
            @Override
            public List<Uni<Void>> committed(List<ConsumedRecord<String>> records, List<String> stored) {
                return List.of(Uni.createFrom().failure(brokerDown));
            }
        };

        BatchIntake<String> intake = intake(BatchIntake.WhenRefused.STORE_EACH_ALONE);
        assertSame(brokerDown, assertThrows(IllegalStateException.class,
                () -> intake.take(List.of(record(0, "a")), handler)));
        assertFalse(handler.happened.contains("acknowledged"));
    }

    @Test
    void aBatchWithNothingDecodableIsStillAcknowledged() {
        Handler handler = new Handler();

        intake(BatchIntake.WhenRefused.FAIL_THE_BATCH).take(List.of(record(0, null, new RecordHeaders())), handler);

        assertEquals(List.of(), handler.attempts, "no empty transaction");
        assertEquals(List.of("acknowledged"), handler.happened);
        assertEquals(1, deadLetterMessages.size());
    }

    @Test
    void eachRecordGetsASpanChildOfItsProducerAndTheHandlerGetsIt() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String producerSpan = "00f067aa0ba902b7";
        RecordHeaders traced = new RecordHeaders();
        traced.add("traceparent", ("00-" + traceId + "-" + producerSpan + "-01").getBytes(StandardCharsets.UTF_8));
        List<Context> handed = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public List<Uni<Void>> committed(List<ConsumedRecord<String>> records, List<String> stored) {
                records.forEach(record -> handed.add(record.trace()));
                return List.of();
            }
        };

        intake(BatchIntake.WhenRefused.FAIL_THE_BATCH).take(List.of(record(5, "a", traced),
                record(6, "b", new RecordHeaders())), handler);

        List<SpanData> spans = exported.getFinishedSpanItems();
        assertEquals(2, spans.size(), "one span per record, ended with the batch");
        SpanData first = spans.stream().filter(span -> span.getTraceId().equals(traceId)).findFirst().orElseThrow();
        assertEquals(producerSpan, first.getParentSpanId());
        assertEquals(TOPIC + " store", first.getName());
        assertEquals(StatusCode.UNSET, first.getStatus().getStatusCode());
        assertEquals(first.getSpanId(), Span.fromContext(handed.get(0)).getSpanContext().getSpanId(),
                "the handler publishes in the record's own span");
        SpanData second = spans.stream().filter(span -> !span.getTraceId().equals(traceId)).findFirst()
                .orElseThrow();
        assertFalse(second.getParentSpanContext().isValid(), "no context: a trace of its own");
    }

    private void assertDeadLetter(Message<?> deadLetter, long offset, Class<?> reasonClass, String reason) {
        @SuppressWarnings("unchecked")
        OutgoingKafkaRecordMetadata<String> metadata = deadLetter.getMetadata(OutgoingKafkaRecordMetadata.class)
                .orElseThrow();
        assertEquals("key", metadata.getKey());
        assertEquals(reason, DeadLetterHeaders.text(metadata.getHeaders(), DeadLetterHeaders.REASON));
        assertEquals(reasonClass.getName(),
                DeadLetterHeaders.text(metadata.getHeaders(), DeadLetterHeaders.EXCEPTION_CLASS_NAME));
        assertEquals(TOPIC, DeadLetterHeaders.text(metadata.getHeaders(), DeadLetterHeaders.TOPIC));
        assertEquals(Long.toString(offset), DeadLetterHeaders.text(metadata.getHeaders(), DeadLetterHeaders.OFFSET));
    }

    private double deadLettersCounted(String reason) {
        return registry.get(DeadLetters.COUNTER).tag("reason", reason).counter().count();
    }

    private static ConsumerRecord<String, String> record(long offset, String value) {
        return record(offset, value, new RecordHeaders());
    }

    private static ConsumerRecord<String, String> record(long offset, String value, RecordHeaders headers) {
        return new ConsumerRecord<>(TOPIC, 0, offset, ConsumerRecord.NO_TIMESTAMP,
                org.apache.kafka.common.record.TimestampType.NO_TIMESTAMP_TYPE, -1, -1, "key", value, headers,
                Optional.empty());
    }

    /** An emitter that takes every message at once, as a broker that acknowledges everything. */
    @SuppressWarnings("unchecked")
    private MutinyEmitter<Object> recordingEmitter() {
        return (MutinyEmitter<Object>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{MutinyEmitter.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendMessage")) {
                        deadLetterMessages.add((Message<?>) args[0]);
                        return Uni.createFrom().voidItem();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
