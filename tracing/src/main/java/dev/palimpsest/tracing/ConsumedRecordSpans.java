package dev.palimpsest.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.apache.kafka.common.header.Headers;

import java.util.ArrayList;
import java.util.List;

/**
 * One span per record of a consumed batch, each the child of the context its producer wrote into the record's
 * headers, so that every record's trace goes on through the consumer, although the consumer handles the batch as
 * one unit (one poll, one database transaction). The connector's own tracing cannot do this: it sees a batch as
 * one message (ADR 0016).
 *
 * <p>Every span of a batch starts when the batch's work starts and ends when it ends (its transaction committed,
 * its answers acknowledged): the time a record really spent being processed. A record without a context (written
 * before tracing existed, or by a producer that does not trace) starts a trace of its own.
 *
 * <p>Not thread-safe: one instance per batch, used by the thread that processes it.
 */
public final class ConsumedRecordSpans {

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final String operation;
    private final List<Span> spans = new ArrayList<>();

    /**
     * @param openTelemetry the service's OpenTelemetry (its propagators say how the context is written)
     * @param scope         the instrumentation scope, e.g. the consuming class's name
     * @param operation     what is done to each record, e.g. {@code archive}: spans are named
     *                      {@code <topic> <operation>}
     */
    public ConsumedRecordSpans(OpenTelemetry openTelemetry, String scope, String operation) {
        this.tracer = openTelemetry.getTracer(scope);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.operation = operation;
    }

    /**
     * Starts the span of one record.
     *
     * @return the context to hand on: make it current while work for this record alone is done (logging), or give
     * it to what this record causes to be published (the producer's span becomes its child)
     */
    public Context start(String topic, int partition, long offset, Headers headers, String key) {
        // from the root, not from whatever is current on this thread: a record's parent is its producer alone
        Context parent = propagator.extract(Context.root(), headers, KafkaHeaderContext.GETTER);
        Span span = tracer.spanBuilder(topic + " " + operation)
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.operation.name", operation)
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.destination.partition.id", Integer.toString(partition))
                .setAttribute("messaging.kafka.offset", offset)
                .setAttribute("messaging.kafka.message.key", key == null ? "" : key)
                .startSpan();
        spans.add(span);
        return parent.with(span);
    }

    /** Runs {@code work} with {@code recordContext} current: its log lines carry that record's trace and span ids. */
    public static void within(Context recordContext, Runnable work) {
        try (Scope ignored = recordContext.makeCurrent()) {
            work.run();
        }
    }

    /** Ends every span started so far: the batch is done. */
    public void endAll() {
        spans.forEach(Span::end);
        spans.clear();
    }

    /** Ends every span started so far as failed: the batch was not processed (it will be redelivered). */
    public void failAll(Throwable failure) {
        for (Span span : spans) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, failure.toString());
            span.end();
        }
        spans.clear();
    }
}
