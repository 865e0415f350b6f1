package dev.palimpsest.query.readmodel;

import dev.palimpsest.events.ArchiveEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * Feeds {@code palimpsest.revisions.archived} into the read model, one record at a time in partition order.
 *
 * <p>Guarantees: a record's offset is committed only after its transaction has committed. The method consumes a
 * payload (not a {@code Message}), so the connector acknowledges the record only when this method returns normally,
 * and {@link ReadModelWriter#apply} commits its transaction before it returns; the {@code throttled} commit strategy
 * then commits offsets up to the highest acknowledged record. A crash in between means redelivery, which
 * {@link ReadModelWriter} absorbs (it is idempotent): at-least-once delivery, exactly-once effect.
 *
 * <p>Failures: a record that cannot be decoded arrives with a {@code null} value (the channel has
 * {@code fail-on-deserialization-failure=false}) and is logged and skipped, as is an event that breaks an invariant
 * ({@link InvalidArchiveEvent}): neither can succeed on retry, and stopping would block every later revision of
 * the partition. Any other failure (e.g. the database is down) nacks the record, which stops the channel
 * ({@code failure-strategy=fail}) and turns health DOWN; after a restart consumption resumes from the last
 * committed offset, so nothing is skipped.
 */
@ApplicationScoped
public class ArchiveEventConsumer {

    private static final Logger LOG = Logger.getLogger(ArchiveEventConsumer.class);

    private final ReadModelWriter writer;

    public ArchiveEventConsumer(ReadModelWriter writer) {
        this.writer = writer;
    }

    @Incoming("revisions-archived")
    @Blocking // JDBC and JTA: run on a worker thread, one record at a time (ordered), never on the event loop
    public void consume(ConsumerRecord<String, ArchiveEvent> record) {
        ArchiveEvent event = record.value();
        if (event == null) {
            LOG.errorf("skipped %s: %s", position(record), undecodableReason(record));
            return;
        }
        try {
            ReadModelWriter.Outcome outcome = writer.apply(event);
            if (outcome == ReadModelWriter.Outcome.APPLIED) {
                LOG.infof("applied %s %s #%d (submission %s) at %s", event.getClass().getSimpleName(),
                        event.articleKey(), event.revSeq(), event.submissionId(), position(record));
            } else {
                LOG.debugf("already applied: %s at %s", event.submissionId(), position(record));
            }
        } catch (InvalidArchiveEvent e) {
            LOG.errorf("skipped %s: submission %s of %s is invalid: %s", position(record), event.submissionId(),
                    event.articleKey(), e.getMessage());
        }
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static String undecodableReason(ConsumerRecord<?, ?> record) {
        Header reason = record.headers().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON);
        return reason == null
                ? "a record without a value (tombstone)"
                : "an undecodable record: " + new String(reason.value(), StandardCharsets.UTF_8);
    }
}
