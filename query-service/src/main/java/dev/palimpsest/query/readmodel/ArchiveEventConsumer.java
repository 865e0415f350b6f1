package dev.palimpsest.query.readmodel;

import dev.palimpsest.events.ArchiveEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds {@code palimpsest.revisions.archived} into the read model, a batch (one poll of the broker) at a time, in
 * partition order.
 *
 * <p>Guarantees: a record's offset is committed only after its transaction has committed. The method consumes the
 * batch's records (not a {@code Message}), so the connector acknowledges them only when this method returns
 * normally, and {@link ReadModelWriter#applyAll} commits the batch's one transaction before it returns; the
 * {@code throttled} commit strategy then commits offsets up to the highest acknowledged record. A crash in between
 * means redelivery, which {@link ReadModelWriter} absorbs (it is idempotent): at-least-once delivery, exactly-once
 * effect.
 *
 * <p>Failures: a record that cannot be decoded arrives with a {@code null} value (the channel has
 * {@code fail-on-deserialization-failure=false}) and is logged and skipped, as is an event that breaks an invariant
 * ({@link InvalidArchiveEvent}): neither can succeed on retry, and stopping would block every later revision of
 * the partition. Any other failure (e.g. the database is down) nacks the batch, which stops the channel
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
    @Blocking // JDBC and JTA: run on a worker thread, one batch at a time (ordered), never on the event loop
    public void consume(ConsumerRecords<String, ArchiveEvent> records) {
        List<ArchiveEvent> events = new ArrayList<>(records.count());
        Map<ArchiveEvent, String> positions = new IdentityHashMap<>();
        for (ConsumerRecord<String, ArchiveEvent> record : records) {
            if (record.value() == null) {
                LOG.errorf("skipped %s: %s", position(record), undecodableReason(record));
            } else {
                events.add(record.value());
                positions.put(record.value(), position(record));
            }
        }
        if (events.isEmpty()) {
            return;
        }
        int applied = 0;
        for (ReadModelWriter.Applied outcome : writer.applyAll(events)) {
            ArchiveEvent event = outcome.event();
            if (outcome.refusal() != null) {
                LOG.errorf("skipped %s: submission %s of %s is invalid: %s", positions.get(event),
                        event.submissionId(), event.articleKey(), outcome.refusal().getMessage());
            } else if (outcome.outcome() == ReadModelWriter.Outcome.APPLIED) {
                applied++;
                LOG.debugf("applied %s %s #%d (submission %s) at %s", event.getClass().getSimpleName(),
                        event.articleKey(), event.revSeq(), event.submissionId(), positions.get(event));
            } else {
                LOG.debugf("already applied: %s at %s", event.submissionId(), positions.get(event));
            }
        }
        ArchiveEvent last = events.get(events.size() - 1);
        LOG.infof("applied %d of %d archive event(s), up to %s #%d", applied, events.size(), last.articleKey(),
                last.revSeq());
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
