package dev.palimpsest.archive.retention;

import dev.palimpsest.archive.sealing.TextKeyPublisher;
import dev.palimpsest.events.SegmentRoll;
import dev.palimpsest.events.SubmittedEvent;
import dev.palimpsest.events.TextKeyState;
import dev.palimpsest.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Keeps the submitted topic to what it is for once the archive holds its records, and makes an erasure reach the
 * brokers' disks (ADR 0042, decision 6). Every {@code palimpsest.archive.submitted.trim-every}:
 * <ul>
 *   <li>each partition of {@link Topics#REVISIONS_SUBMITTED} loses its records older than the restore window
 *       ({@code palimpsest.archive.submitted.restore-window}), never one the archive has not committed: a restore of
 *       an archive backup younger than the window replays the rest ({@code docs/operating.md});</li>
 *   <li>after an erasure, its partition loses at once every record up to the erasure, and once the topic's
 *       {@code segment.ms} has passed, a {@link SegmentRoll} closes the segment that held the erased text and the
 *       partition loses the records up to it, so Kafka deletes that segment at its next retention check;</li>
 *   <li>after an erasure, once the keys topic's {@code segment.ms} has passed, the destroyed keys' markers are sent
 *       again, which closes the segment holding the keys, and compaction drops their bytes.</li>
 * </ul>
 * Whether a segment was closed is read from the brokers (is there a record stamped after it was due?), not kept
 * here, so a restart of the archive, or a second instance, follows each erasure up as well.
 */
@ApplicationScoped
public class LogTrimming {

    private static final Logger LOG = Logger.getLogger(LogTrimming.class);
    /** How long past the restore window an erasure is still followed up: an archive down that long catches up. */
    private static final Duration FOLLOW_UP_BEYOND_WINDOW = Duration.ofDays(1);

    private final DataSource dataSource;
    private final TextKeyPublisher textKeys;
    private final MutinyEmitter<SubmittedEvent> rolls;
    private final Map<String, Object> kafka;
    private final String group;
    private final Duration restoreWindow;
    private final Duration every;
    private final boolean trimOnErasure;
    private ScheduledExecutorService timer;
    private BrokerLogs brokers;

    public LogTrimming(DataSource dataSource, TextKeyPublisher textKeys,
                       @Channel("segment-rolls") MutinyEmitter<SubmittedEvent> rolls,
                       @Identifier("default-kafka-broker") Map<String, Object> kafka,
                       @ConfigProperty(name = "mp.messaging.incoming.revisions-submitted.group.id") String group,
                       @ConfigProperty(name = "palimpsest.archive.submitted.restore-window") Duration restoreWindow,
                       @ConfigProperty(name = "palimpsest.archive.submitted.trim-every") Duration every,
                       @ConfigProperty(name = "palimpsest.archive.submitted.trim-on-erasure") boolean trimOnErasure) {
        this.dataSource = dataSource;
        this.textKeys = textKeys;
        this.rolls = rolls;
        this.kafka = Map.copyOf(kafka);
        this.group = group;
        this.restoreWindow = restoreWindow;
        this.every = every;
        this.trimOnErasure = trimOnErasure;
    }

    void start(@Observes StartupEvent started) {
        brokers = new BrokerLogs(Admin.create(kafka));
        timer = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "log-trimming");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::trimQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("trimming %s every %s behind the archive, keeping %s for restores%s", Topics.REVISIONS_SUBMITTED,
                every, restoreWindow, trimOnErasure ? ", and up to each erasure at once" : "");
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (brokers != null) {
            brokers.close();
        }
    }

    private void trimQuietly() {
        try {
            trim(Instant.now());
        } catch (RuntimeException e) {
            // nothing is lost by waiting: the next round trims as much, and follows up the same erasures
            LOG.warnf(e, "could not trim %s or follow up an erasure; trying again in %s", Topics.REVISIONS_SUBMITTED,
                    every);
        }
    }

    /** One round, as of {@code now}. */
    synchronized void trim(Instant now) {
        List<RecentErasures.Erasure> erasures = RecentErasures.since(dataSource,
                now.minus(restoreWindow).minus(FOLLOW_UP_BEYOND_WINDOW));
        closeKeySegments(erasures, now);
        trimSubmitted(trimOnErasure ? erasures : List.of(), now);
    }

    private void closeKeySegments(List<RecentErasures.Erasure> erasures, Instant now) {
        if (erasures.isEmpty()) {
            return;
        }
        Duration closeAfter = closeAfter(brokers.segmentAge(Topics.TEXT_KEYS));
        int partitions = brokers.partitions(Topics.TEXT_KEYS);
        for (RecentErasures.Erasure erasure : erasures) {
            Instant due = erasure.recordedAt().plus(closeAfter);
            if (now.isBefore(due) || erasure.keyEpoch() <= 1) {
                continue;
            }
            // the markers of one erasure share the partition of its first destroyed key only on a one-partition
            // topic (as every deployment creates it); with more, each destroyed key's partition is asked
            boolean closed = IntStream.range(1, erasure.keyEpoch())
                    .map(epoch -> BuiltInPartitioner.partitionForKey(TextKeyState.topicKey(erasure.articleKey(), epoch)
                            .getBytes(StandardCharsets.UTF_8), partitions))
                    .distinct().allMatch(partition ->
                            brokers.firstAtOrAfter(Topics.TEXT_KEYS, partition, due).isPresent());
            if (!closed) {
                textKeys.publishDestroyed(erasure.articleKey(), erasure.keyEpoch(), erasure.recordedAt(),
                        erasure.redactionId());
                LOG.infof("sent the markers of %s's destroyed keys again, %s after its erasure %s: the keys topic's"
                                + " segment that held the keys is closed, and compaction drops them",
                        erasure.articleKey(), closeAfter, erasure.redactionId());
            }
        }
    }

    private void trimSubmitted(List<RecentErasures.Erasure> erasures, Instant now) {
        String topic = Topics.REVISIONS_SUBMITTED;
        Map<Integer, Long> committed = brokers.committed(group, topic);
        if (committed.isEmpty()) {
            return; // the archive has archived nothing yet
        }
        List<Integer> partitions = committed.keySet().stream().sorted().toList();
        Map<Integer, Long> ends = brokers.latest(topic, partitions);
        Map<Integer, Long> targets = new HashMap<>();
        Map<Integer, String> why = new HashMap<>();
        Set<Integer> erased = new HashSet<>();
        Set<Integer> rolled = new HashSet<>();
        for (int partition : partitions) {
            // the records stamped before the window, all of them when none is younger
            targets.put(partition, brokers.firstAtOrAfter(topic, partition, now.minus(restoreWindow))
                    .orElse(ends.get(partition)));
            why.put(partition, "older than " + restoreWindow);
        }
        Duration closeAfter = erasures.isEmpty() ? Duration.ZERO : closeAfter(brokers.segmentAge(topic));
        for (RecentErasures.Erasure erasure : erasures) {
            int partition = erasure.partition();
            if (!committed.containsKey(partition)) {
                continue;
            }
            Instant due = erasure.recordedAt().plus(closeAfter);
            OptionalLong closedBy = brokers.firstAtOrAfter(topic, partition, due);
            long upTo;
            if (closedBy.isPresent()) {
                // a record appended once the segment was due to close started a new one: all below it can go
                upTo = closedBy.getAsLong();
            } else {
                upTo = brokers.firstAtOrAfter(topic, partition, erasure.recordedAt().plusMillis(1))
                        .orElse(ends.get(partition));
                if (!now.isBefore(due) && rolled.add(partition)) {
                    roll(partition); // once a round: one append closes the segment for every erasure in it
                }
            }
            if (upTo > targets.get(partition)) {
                targets.put(partition, upTo);
                why.put(partition, "up to erasure " + erasure.redactionId());
                erased.add(partition);
            }
        }
        Map<Integer, Long> earliest = brokers.earliest(topic, partitions);
        Map<Integer, Long> trims = new HashMap<>();
        targets.forEach((partition, target) -> {
            long below = Math.min(target, committed.get(partition)); // never what the archive has not archived
            if (below > earliest.get(partition)) {
                trims.put(partition, below);
            }
        });
        if (!trims.isEmpty()) {
            brokers.deleteBelow(topic, trims);
            // an erasure's trim is news; the window's, every round on a busy partition, is not
            trims.forEach((partition, below) -> LOG.logf(erased.contains(partition) ? Logger.Level.INFO
                            : Logger.Level.DEBUG, "trimmed %s-%d below offset %d (%d record(s), %s)", topic, partition,
                    below, below - earliest.get(partition), why.get(partition)));
        }
    }

    /** Appends a {@link SegmentRoll} to the partition, which closes its segment. */
    private void roll(int partition) {
        rolls.sendMessage(Message.<SubmittedEvent>of(SegmentRoll.now()).addMetadata(
                        OutgoingKafkaRecordMetadata.<String>builder().withPartition(partition).build()))
                .await().atMost(Duration.ofSeconds(30));
        LOG.infof("closed the open segment of %s-%d after an erasure", Topics.REVISIONS_SUBMITTED, partition);
    }

    /**
     * How long after an erasure a topic's open segment is surely due to close: its {@code segment.ms} and a tenth
     * more (at least a second), for records stamped by clocks a little ahead of the archive's.
     */
    static Duration closeAfter(Duration segmentAge) {
        Duration margin = segmentAge.dividedBy(10);
        return segmentAge.plus(margin.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : margin);
    }
}
