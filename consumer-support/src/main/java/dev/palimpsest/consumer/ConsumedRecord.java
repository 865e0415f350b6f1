package dev.palimpsest.consumer;

import dev.palimpsest.tracing.ConsumedRecordSpans;
import io.opentelemetry.context.Context;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A decoded record of a batch, with the context of its span (ADR 0016).
 *
 * @param origin the record as consumed; its value is the decoded event
 * @param trace  the record's span: give it to what the record causes to be published, so the trace goes on
 */
public record ConsumedRecord<E>(ConsumerRecord<String, E> origin, Context trace) {

    public E event() {
        return origin.value();
    }

    /** Runs {@code work} in the record's span: its log lines carry the record's trace id (MDC). */
    public void within(Runnable work) {
        ConsumedRecordSpans.within(trace, work);
    }

    /** Where the record was read, as {@code topic-partition@offset}. */
    public String position() {
        return origin.topic() + "-" + origin.partition() + "@" + origin.offset();
    }
}
