package dev.palimpsest.archive.transparency;

import dev.palimpsest.tlog.Checkpoint;
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
 * whose size moved, and every log once at start. A record is provable from the first checkpoint at or past its
 * leaf. Any archive instance may sign any head: a head is committed data, and Ed25519 signatures are deterministic,
 * so two instances signing the same head publish the same note.
 */
@ApplicationScoped
public class CheckpointPublisher {

    private static final Logger LOG = Logger.getLogger(CheckpointPublisher.class);
    private static final Duration SEND_PATIENCE = Duration.ofSeconds(30);

    private final TransparencyLogs logs;
    private final Optional<NoteSigner> signer;
    private final MutinyEmitter<String> checkpoints;
    private final Duration interval;
    /** The size of each log's last checkpoint published by this instance. */
    private final Map<Short, Long> published = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    public CheckpointPublisher(TransparencyLogs logs,
                               @ConfigProperty(name = "palimpsest.log.signing-key-location") Optional<Path> signingKey,
                               @ConfigProperty(name = "palimpsest.log.checkpoint-interval") Duration interval,
                               @Channel("log-checkpoints") MutinyEmitter<String> checkpoints) {
        this.logs = logs;
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
     * Signs and publishes a checkpoint of each log whose size moved since this instance last published one, and
     * waits for the broker to acknowledge them.
     *
     * @return the signed notes published
     */
    public synchronized List<String> publishNew() {
        NoteSigner key = signer.orElseThrow(() -> new IllegalStateException("no signing key is configured"));
        List<String> notes = new ArrayList<>();
        for (LogTables.Head head : logs.heads()) {
            if (Long.valueOf(head.size()).equals(published.get(head.logId()))) {
                continue;
            }
            String note = key.sign(new Checkpoint(head.origin(), head.size(), head.root()).body());
            checkpoints.sendMessage(Message.of(note).addMetadata(
                            OutgoingKafkaRecordMetadata.<String>builder().withKey(head.origin()).build()))
                    .await().atMost(SEND_PATIENCE);
            published.put(head.logId(), head.size());
            notes.add(note);
        }
        return notes;
    }
}
