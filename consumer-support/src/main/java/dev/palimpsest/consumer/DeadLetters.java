package dev.palimpsest.consumer;

import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.SubmittedEvent;
import dev.palimpsest.events.kafka.DeadLetterHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler.DESERIALIZATION_FAILURE_DATA;

/**
 * Publishes records a consumer cannot take to its service's dead-letter topic (the outgoing channel
 * {@value #CHANNEL}; archive: {@code palimpsest.revisions.dlq}, query: {@code palimpsest.archived.dlq}): the record
 * as it was (the event, or the undecodable bytes), keyed as it was, with where it came from and why in
 * {@link DeadLetterHeaders}. Done by the consumer rather than the connector because records are consumed in
 * batches, and the connector would dead-letter a whole batch for one bad record.
 *
 * <p>Counts what it published, by {@link Kind}, in {@code palimpsest_dead_letters_total}: every kind's series
 * exists from the start (at 0), so an alert on its increase sees the first dead letter too.
 */
// created at startup, not on first use: every series is exposed (at 0) before anything happens
@Startup
@ApplicationScoped
public class DeadLetters {

    /** The outgoing channel each consuming service configures with its dead-letter topic. */
    public static final String CHANNEL = "dead-letters";
    public static final String COUNTER = "palimpsest.dead.letters";

    /** Why a record was dead-lettered, in kinds few enough for a metric's label. */
    public enum Kind {
        /** The record could not be read as an event (bad bytes, unknown schema, no value). */
        UNDECODABLE,
        /** Read, but it breaks an invariant of the consumer's model (e.g. a revision number below 1). */
        INVALID,
        /** Read, but the database refused to store it, for a reason retrying cannot cure. */
        REFUSED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MutinyEmitter<Object> emitter;
    private final String topic;
    private final Map<Kind, Counter> published = new EnumMap<>(Kind.class);
    private final AtomicLong publishedSinceStart = new AtomicLong();

    @Inject
    public DeadLetters(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                       MutinyEmitter<Object> emitter,
                       @ConfigProperty(name = "mp.messaging.outgoing." + CHANNEL + ".topic") String topic,
                       MeterRegistry registry) {
        this.emitter = emitter;
        this.topic = topic;
        for (Kind kind : Kind.values()) {
            published.put(kind, Counter.builder(COUNTER)
                    .description("Records this service could not take and published to its dead-letter topic")
                    .tag("topic", topic).tag("reason", kind.label())
                    .register(registry));
        }
    }

    /** Sends {@code record} as it was consumed; the Uni completes once the broker has it. */
    public Uni<Void> send(ConsumerRecord<String, ?> record, Kind kind, Throwable reason) {
        return send(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                record.headers(), kind, reason);
    }

    private Uni<Void> send(String sourceTopic, int partition, long offset, String key, Object value,
                           Headers sourceHeaders, Kind kind, Throwable reason) {
        LOG.errorf("dead-lettering %s-%d@%d (%s, %s): %s", sourceTopic, partition, offset, describe(value),
                kind.label(), reason.toString());
        Object deadLetter = value;
        if (deadLetter == null) {
            Header raw = sourceHeaders.lastHeader(DESERIALIZATION_FAILURE_DATA);
            // a message's payload cannot be null: a tombstone is dead-lettered with an empty value
            deadLetter = raw == null || raw.value() == null ? new byte[0] : raw.value();
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key)
                .withHeaders(DeadLetterHeaders.of(reason, sourceTopic, partition, offset))
                .build();
        return emitter.sendMessage(Message.of(deadLetter).addMetadata(metadata)).invoke(() -> {
            published.get(kind).increment();
            publishedSinceStart.incrementAndGet();
        });
    }

    private static String describe(Object value) {
        if (value == null) {
            return "undecodable";
        }
        if (value instanceof SubmittedEvent submitted) {
            return submitted.getClass().getSimpleName() + " " + submitted.meta().id();
        }
        if (value instanceof ArchiveEvent archived) {
            return archived.getClass().getSimpleName() + " " + archived.meta().id();
        }
        return value.getClass().getSimpleName();
    }

    /** How many dead letters this process has published since it started. */
    public long publishedSinceStart() {
        return publishedSinceStart.get();
    }

    /** The dead-letter topic. */
    public String topic() {
        return topic;
    }
}
