package dev.palimpsest.archive.intake;

import dev.palimpsest.events.SubmittedEvent;
import dev.palimpsest.events.kafka.DeadLetterHeaders;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;

import static io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler.DESERIALIZATION_FAILURE_DATA;

/**
 * Publishes submissions the archive cannot take to the dead-letter topic: the record as it was (the event, or the
 * undecodable bytes), with where it came from and why in headers named as SmallRye's own dead-letter queue names
 * them. Done here rather than by the connector because submissions are consumed in batches, and the connector
 * would dead-letter a whole batch for one bad record.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MutinyEmitter<Object> topic;
    private final AtomicLong published = new AtomicLong();

    public DeadLetters(@Channel("revisions-dead-letters") @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 4096) MutinyEmitter<Object> topic) {
        this.topic = topic;
    }

    /** Sends {@code record} with {@code reason}; the returned Uni completes once the broker has it. */
    public Uni<Void> send(KafkaRecord<String, ? extends SubmittedEvent> record, Throwable reason) {
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset)
                .orElse(-1L);
        LOG.errorf("dead-lettering %s-%d@%d%s: %s", record.getTopic(), record.getPartition(), offset,
                record.getPayload() == null ? " (undecodable)" : " (" + record.getPayload().getClass().getSimpleName() + " " + record.getPayload().meta().id() + ")",
                reason.toString());
        Headers headers = DeadLetterHeaders.of(reason, record.getTopic(), record.getPartition(), offset);
        Object value = record.getPayload();
        if (value == null) {
            Header raw = record.getHeaders().lastHeader(DESERIALIZATION_FAILURE_DATA);
            value = raw == null ? new byte[0] : raw.value();
        }
        return topic.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.getKey()).withHeaders(headers).build())).invoke(published::incrementAndGet);
    }

    /** How many dead letters this process has published since it started. */
    public long publishedSinceStart() {
        return published.get();
    }
}
