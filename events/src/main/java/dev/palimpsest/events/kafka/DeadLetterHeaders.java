package dev.palimpsest.events.kafka;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * The headers a dead letter carries: why it was refused and where it was read from. Named as SmallRye's own
 * dead-letter queue names them, so that tools made for those recognise ours; written and read here so that every
 * service's dead-letter topic speaks the same way.
 */
public final class DeadLetterHeaders {

    public static final String REASON = "dead-letter-reason";
    public static final String EXCEPTION_CLASS_NAME = "dead-letter-exception-class-name";
    public static final String CAUSE = "dead-letter-cause";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    private DeadLetterHeaders() {
    }

    /** The headers for a record read at {@code topic}-{@code partition}@{@code offset} and refused for {@code reason}. */
    public static Headers of(Throwable reason, String topic, int partition, long offset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, utf8(reason.getMessage() == null ? reason.toString() : reason.getMessage()));
        headers.add(EXCEPTION_CLASS_NAME, utf8(reason.getClass().getName()));
        if (reason.getCause() != null) {
            headers.add(CAUSE, utf8(String.valueOf(reason.getCause().getMessage())));
        }
        headers.add(TOPIC, utf8(topic));
        headers.add(PARTITION, utf8(Integer.toString(partition)));
        headers.add(OFFSET, utf8(Long.toString(offset)));
        return headers;
    }

    /** The text of header {@code name} (its last value), or {@code null} when the record has none. */
    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
