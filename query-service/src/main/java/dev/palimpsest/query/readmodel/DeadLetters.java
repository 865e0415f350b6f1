package dev.palimpsest.query.readmodel;

import dev.palimpsest.events.kafka.DeadLetterHeaders;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;

import static io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler.DESERIALIZATION_FAILURE_DATA;

/**
 * Publishes archived events the read model cannot take to {@code palimpsest.archived.dlq}: the record as it was
 * (the event, or the undecodable bytes), keyed as it was, with where it came from and why in
 * {@link DeadLetterHeaders}. Done by the consumer rather than the connector because events are consumed in batches,
 * and the connector would dead-letter a whole batch for one bad record.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MutinyEmitter<Object> topic;
    private final AtomicLong published = new AtomicLong();

    public DeadLetters(@Channel("archived-dead-letters") @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 4096) MutinyEmitter<Object> topic) {
        this.topic = topic;
    }

    /** Sends {@code record} with {@code reason}; the returned Uni completes once the broker has it. */
    public Uni<Void> send(ConsumerRecord<String, ?> record, Throwable reason) {
        LOG.errorf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                reason.toString());
        Object value = record.value();
        if (value == null) {
            Header raw = record.headers().lastHeader(DESERIALIZATION_FAILURE_DATA);
            value = raw == null ? null : raw.value();
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key())
                .withHeaders(DeadLetterHeaders.of(reason, record.topic(), record.partition(), record.offset()))
                .build();
        // a message's payload cannot be null: a tombstone is dead-lettered with an empty value
        return topic.sendMessage(Message.of(value == null ? new byte[0] : value).addMetadata(metadata))
                .invoke(published::incrementAndGet);
    }

    /** How many dead letters this process has published since it started. */
    public long publishedSinceStart() {
        return published.get();
    }
}
