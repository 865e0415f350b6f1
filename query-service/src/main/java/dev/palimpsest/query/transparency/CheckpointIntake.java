package dev.palimpsest.query.transparency;

import dev.palimpsest.query.UntilDone;
import dev.palimpsest.tlog.InvalidProofException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the archive's signed checkpoints ({@code palimpsest.log.checkpoints}) into the read model
 * ({@link CheckpointStore}). A record that is no checkpoint of this archive's logs is logged and skipped: the
 * topic is not a log of record. A database that is away is waited for, the record kept in hand.
 */
@ApplicationScoped
public class CheckpointIntake {

    private static final Logger LOG = Logger.getLogger(CheckpointIntake.class);

    private final CheckpointStore checkpoints;

    public CheckpointIntake(CheckpointStore checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Incoming("log-checkpoints")
    @Blocking
    public void receive(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return; // a tombstone: nothing to keep
        }
        // the database is away: the checkpoint is waited on, never skipped (the archive signs a head again only
        // when it moves, so a quiet log's last checkpoint would be lost)
        UntilDone.run(LOG, "keep a checkpoint", () -> {
            try {
                checkpoints.record(record.value());
            } catch (InvalidProofException e) {
                LOG.warnf("skipped record %s-%d@%d of the checkpoints topic: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        });
    }
}
