package dev.palimpsest.archive.transparency;

import dev.palimpsest.tlog.Checkpoint;
import dev.palimpsest.tlog.CoveringCheckpoint;
import dev.palimpsest.tlog.NoteSigner;
import dev.palimpsest.tlog.store.LogTables;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Signs the heads of the transparency logs as C2SP checkpoints in signed notes (ADR 0040) and publishes them to
 * {@code palimpsest.log.checkpoints}, keyed by origin: every {@code palimpsest.log.checkpoint-interval} for each log
 * whose size moved, and every log once at start; then, whenever one did, a checkpoint that covers every log (ADR 0040
 * decision 2; origin {@code palimpsest.log.name}, keyed by it), of the very heads just signed one by one. A record
 * is provable from the first checkpoint at or past its leaf. Any archive instance may sign any head: a head is committed data, and Ed25519 signatures are deterministic,
 * so two instances signing the same head publish the same note.
 */
@ApplicationScoped
public class CheckpointPublisher {

    private static final Logger LOG = Logger.getLogger(CheckpointPublisher.class);
    private static final Duration SEND_PATIENCE = Duration.ofSeconds(30);

    private final TransparencyLogs logs;
    private final Optional<NoteSigner> signer;
    private final MutinyEmitter<String> checkpoints;
    private final String logName;
    private final Duration interval;
    /** The size of each log's last checkpoint published by this instance. */
    private final Map<Short, Long> published = new ConcurrentHashMap<>();
    /** How many leaves the logs held together at the last covering checkpoint this instance published, or -1. */
    private long coverPublished = -1;
    private ScheduledExecutorService timer;

    public CheckpointPublisher(TransparencyLogs logs,
                               @ConfigProperty(name = "palimpsest.log.signing-key-location") Optional<Path> signingKey,
                               @ConfigProperty(name = "palimpsest.log.checkpoint-interval") Duration interval,
                               @ConfigProperty(name = "palimpsest.log.name") String logName,
                               @Channel("log-checkpoints") MutinyEmitter<String> checkpoints) {
        this.logs = logs;
        this.logName = logName;
        this.signer = signingKey.map(CheckpointPublisher::signer);
        this.interval = interval;
        this.checkpoints = checkpoints;
    }

    private static NoteSigner signer(Path file) {
        try {
            return NoteSigner.of(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log's signing key " + file, e);
        }
    }

    void start(@Observes StartupEvent started) {
        if (signer.isEmpty()) {
            LOG.warn("palimpsest.log.signing-key-location is not set: the transparency logs grow, but no checkpoint"
                    + " is signed, so nothing the archive holds can be proven");
            return;
        }
        LOG.infof("signing the transparency logs' checkpoints with key %s every %s", signer.get().name(), interval);
        timer = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "log-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::publishQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void publishQuietly() {
        try {
            publishNew();
        } catch (RuntimeException e) {
            // the next round signs the same heads again: nothing is lost by waiting
            LOG.warnf(e, "could not publish the transparency logs' checkpoints; trying again in %s", interval);
        }
    }

    /**
     * Signs and publishes a checkpoint of each log whose size moved since this instance last published one, then a
     * checkpoint covering every log if any did, and waits for the broker to acknowledge them. The covering one comes
     * last, so each log line it holds is a checkpoint already on the topic.
     *
     * @return the signed notes published
     */
    public synchronized List<String> publishNew() {
        NoteSigner key = signer.orElseThrow(() -> new IllegalStateException("no signing key is configured"));
        List<String> notes = new ArrayList<>();
        List<Checkpoint> covered = new ArrayList<>();
        for (LogTables.Head head : logs.heads()) {
            Checkpoint checkpoint = new Checkpoint(head.origin(), head.size(), head.root());
            covered.add(checkpoint);
            if (Long.valueOf(head.size()).equals(published.get(head.logId()))) {
                continue;
            }
            notes.add(publish(key, checkpoint));
            published.put(head.logId(), head.size());
        }
        CoveringCheckpoint cover = new CoveringCheckpoint(logName, covered);
        if (!covered.isEmpty() && cover.totalSize() != coverPublished) {
            notes.add(publish(key, cover.checkpoint()));
            coverPublished = cover.totalSize();
        }
        return notes;
    }

    private String publish(NoteSigner key, Checkpoint checkpoint) {
        String note = key.sign(checkpoint.body());
        checkpoints.sendMessage(Message.of(note).addMetadata(
                        OutgoingKafkaRecordMetadata.<String>builder().withKey(checkpoint.origin()).build()))
                .await().atMost(SEND_PATIENCE);
        return note;
    }
}
