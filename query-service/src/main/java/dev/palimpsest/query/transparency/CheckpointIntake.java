package dev.palimpsest.query.transparency;

import dev.palimpsest.tlog.InvalidProofException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Reads the archive's signed checkpoints ({@code palimpsest.log.checkpoints}) into the read model
 * ({@link CheckpointStore}). A record that is no checkpoint of this archive's logs is logged and skipped: the
 * topic is not a log of record. A database that is away is waited for, the record kept in hand.
 */
@ApplicationScoped
public class CheckpointIntake {

    private static final Logger LOG = Logger.getLogger(CheckpointIntake.class);
    private static final Duration FIRST_WAIT = Duration.ofMillis(200);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

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
        Duration wait = FIRST_WAIT;
        while (true) {
            try {
                checkpoints.record(record.value());
                return;
            } catch (InvalidProofException e) {
                LOG.warnf("skipped record %s-%d@%d of the checkpoints topic: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                return;
            } catch (RuntimeException e) {
                // the database is away: the checkpoint is waited on, never skipped (the archive signs a head again
                // only when it moves, so a quiet log's last checkpoint would be lost)
                LOG.warnf("could not keep a checkpoint (%s); trying again in %s", e.getMessage(), wait);
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
            }
        }
    }
}
