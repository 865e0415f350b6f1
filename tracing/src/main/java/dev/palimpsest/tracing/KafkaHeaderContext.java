package dev.palimpsest.tracing;

import io.opentelemetry.context.propagation.TextMapGetter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the W3C context ({@code traceparent}, {@code tracestate}, {@code baggage}) from a Kafka record's headers. */
enum KafkaHeaderContext implements TextMapGetter<Headers> {
    GETTER;

    @Override
    public Iterable<String> keys(Headers headers) {
        List<String> keys = new ArrayList<>();
        for (Header header : headers) {
            keys.add(header.key());
        }
        return keys;
    }

    @Override
    public String get(Headers headers, String key) {
        if (headers == null) {
            return null;
        }
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
