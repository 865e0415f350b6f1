package dev.palimpsest.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsumedRecordSpansTest {

    private static final String TRACE_A = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_A = "00f067aa0ba902b7";
    private static final String TRACE_B = "0af7651916cd43dd8448eb211c80319c";
    private static final String PARENT_B = "b7ad6b7169203331";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();

    private OpenTelemetrySdk sdk(Sampler sampler) {
        return OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().setSampler(sampler)
                        .addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }

    @AfterEach
    void reset() {
        exported.reset();
    }

    private static RecordHeaders traceparent(String traceId, String parentId, String flags) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", ("00-" + traceId + "-" + parentId + "-" + flags).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    @Test
    void eachRecordOfABatchIsTheChildOfItsOwnProducer() {
        OpenTelemetry otel = sdk(Sampler.parentBased(Sampler.alwaysOn()));
        ConsumedRecordSpans spans = new ConsumedRecordSpans(otel, "test", "archive");

        Context first = spans.start("palimpsest.revisions.submitted", 2, 41, traceparent(TRACE_A, PARENT_A, "01"),
                "enwiki:1");
        Context second = spans.start("palimpsest.revisions.submitted", 0, 7, traceparent(TRACE_B, PARENT_B, "01"),
                "enwiki:2");
        assertEquals(TRACE_A, Span.fromContext(first).getSpanContext().getTraceId());
        assertEquals(TRACE_B, Span.fromContext(second).getSpanContext().getTraceId());
        assertTrue(exported.getFinishedSpanItems().isEmpty(), "nothing ends before the batch does");

        spans.endAll();

        List<SpanData> finished = exported.getFinishedSpanItems();
        assertEquals(2, finished.size());
        SpanData a = finished.stream().filter(s -> s.getTraceId().equals(TRACE_A)).findFirst().orElseThrow();
        SpanData b = finished.stream().filter(s -> s.getTraceId().equals(TRACE_B)).findFirst().orElseThrow();
        assertEquals(PARENT_A, a.getParentSpanId());
        assertEquals(PARENT_B, b.getParentSpanId());
        assertEquals("palimpsest.revisions.submitted archive", a.getName());
        assertEquals(SpanKind.CONSUMER, a.getKind());
        assertEquals(41L, a.getAttributes().asMap().entrySet().stream()
                .filter(e -> e.getKey().getKey().equals("messaging.kafka.offset")).findFirst().orElseThrow()
                .getValue());
        assertEquals("enwiki:1", a.getAttributes().asMap().entrySet().stream()
                .filter(e -> e.getKey().getKey().equals("messaging.kafka.message.key")).findFirst().orElseThrow()
                .getValue());
    }

    @Test
    void aRecordWithoutContextStartsATraceOfItsOwnEvenInsideAnotherSpan() {
        OpenTelemetry otel = sdk(Sampler.parentBased(Sampler.alwaysOn()));
        ConsumedRecordSpans spans = new ConsumedRecordSpans(otel, "test", "apply");
        Span unrelated = otel.getTracer("test").spanBuilder("poll").startSpan();
        Context record;
        try (var ignored = unrelated.makeCurrent()) {
            record = spans.start("palimpsest.revisions.archived", 1, 3, new RecordHeaders(), null);
        }
        unrelated.end();
        spans.endAll();

        SpanContext context = Span.fromContext(record).getSpanContext();
        assertTrue(context.isValid());
        assertNotEquals(unrelated.getSpanContext().getTraceId(), context.getTraceId(),
                "a record's parent is its producer alone, never what happens to be current");
        SpanData data = exported.getFinishedSpanItems().stream().filter(s -> s.getName().endsWith(" apply"))
                .findFirst().orElseThrow();
        assertFalse(data.getParentSpanContext().isValid());
    }

    @Test
    void aFailedBatchEndsEverySpanAsAnError() {
        OpenTelemetry otel = sdk(Sampler.parentBased(Sampler.alwaysOn()));
        ConsumedRecordSpans spans = new ConsumedRecordSpans(otel, "test", "apply");
        spans.start("palimpsest.revisions.archived", 0, 1, traceparent(TRACE_A, PARENT_A, "01"), "k");
        spans.start("palimpsest.revisions.archived", 0, 2, traceparent(TRACE_B, PARENT_B, "01"), "k");

        spans.failAll(new IllegalStateException("the database refused the batch"));

        assertEquals(2, exported.getFinishedSpanItems().size());
        exported.getFinishedSpanItems().forEach(s -> {
            assertEquals(StatusCode.ERROR, s.getStatus().getStatusCode());
            assertEquals(1, s.getEvents().size(), "the exception is recorded");
        });
    }

    @Test
    void exportOffRecordsNothingButKeepsTheTraceGoing() {
        OpenTelemetry otel = sdk(TraceExportSwitch.samplerFor(false, 1.0));
        ConsumedRecordSpans spans = new ConsumedRecordSpans(otel, "test", "archive");

        // even a producer that sampled its trace does not make an unswitched consumer record it
        Context record = spans.start("palimpsest.revisions.submitted", 0, 0, traceparent(TRACE_A, PARENT_A, "01"),
                "k");
        spans.endAll();

        assertTrue(exported.getFinishedSpanItems().isEmpty());
        SpanContext context = Span.fromContext(record).getSpanContext();
        assertEquals(TRACE_A, context.getTraceId(), "the ids still carry on (logs, the next hop's headers)");
        assertFalse(context.isSampled());
    }
}
