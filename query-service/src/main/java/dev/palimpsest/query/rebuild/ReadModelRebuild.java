package dev.palimpsest.query.rebuild;

import dev.palimpsest.consumer.TransientFailureRetry;
import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.query.QueryProblem;
import dev.palimpsest.query.readmodel.LiveApplyGate;
import dev.palimpsest.query.readmodel.ReadModelWriter;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Rebuilds the read model beside the live one and switches reads over to it (ADR 0024), one rebuild at a time.
 *
 * <p>Guarantees: the live read model answers and consumes throughout; readers see either the old generation or
 * the new one, never a half-built one (the switch is one transaction renaming two schemas). The new generation
 * holds every record of the archived topic up to the topic's end as it was while the live consumer was held
 * between two batches, so it holds everything the live one did; the live consumer then goes on from its own
 * position, into the new generation, so nothing is missed. Records the new generation already holds may be
 * delivered to it again by the live consumer: the writer is idempotent, so they change nothing (exactly-once
 * effect, as for any redelivery). The old generation is dropped only after the switch has committed.
 *
 * <p>Failures: a failure before the switch leaves the live read model untouched and drops the new generation;
 * transient database failures are retried in place, as by the live consumer. Refused (409) while another rebuild
 * runs, and when another query-service instance consumes the topic in the same group: its writes could race the
 * switch, and a rebuild coordinated across instances is not built (scale to one instance for the rebuild).
 */
@ApplicationScoped
public class ReadModelRebuild {

    static final String CHANNEL = "revisions-archived";
    /** Catch-up passes before the live consumer is held for the last records and the switch. */
    private static final int MAX_CATCH_UP_PASSES = 10;
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROGRESS_LOG_INTERVAL = Duration.ofSeconds(10);
    /** Records a poll of the replay takes at most (the live channel's own limit if higher). */
    static final int REPLAY_POLL_RECORDS = 2000;

    private static final Logger LOG = Logger.getLogger(ReadModelRebuild.class);

    private final ReadModelWriter writer;
    private final ReadModelGenerations generations;
    private final LiveApplyGate gate;
    private final TransientFailureRetry retry;
    private final KafkaClientService kafkaClients;
    private final Map<String, Object> kafka;
    private final String topic;
    private final String groupId;
    private final int maxPollRecords;
    private final Map<String, Object> fetchLimits;

    private Run current;

    public ReadModelRebuild(ReadModelWriter writer, ReadModelGenerations generations, LiveApplyGate gate,
                            TransientFailureRetry retry, KafkaClientService kafkaClients,
                            @Identifier("default-kafka-broker") Map<String, Object> kafka,
                            @ConfigProperty(name = "mp.messaging.incoming." + CHANNEL + ".topic") String topic,
                            @ConfigProperty(name = "mp.messaging.incoming." + CHANNEL + ".group.id") String groupId,
                            @ConfigProperty(name = "mp.messaging.incoming." + CHANNEL + ".max.poll.records")
                            int maxPollRecords,
                            @ConfigProperty(name = "mp.messaging.incoming." + CHANNEL + ".max.partition.fetch.bytes")
                            int maxPartitionFetchBytes,
                            @ConfigProperty(name = "mp.messaging.incoming." + CHANNEL + ".fetch.max.bytes")
                            int fetchMaxBytes) {
        this.writer = writer;
        this.generations = generations;
        this.gate = gate;
        this.retry = retry;
        this.kafkaClients = kafkaClients;
        this.kafka = Map.copyOf(kafka);
        this.topic = topic;
        this.groupId = groupId;
        this.maxPollRecords = maxPollRecords;
        // the live channel's byte limits: a record as large as the live consumer takes is replayed too. More records a
        // poll than the live channel: the writer's cost is a few statements and a commit a batch whatever its size
        // (ADR 0033), and a replay is all backlog; the byte limits still bound what one batch holds.
        this.fetchLimits = Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                Math.max(maxPollRecords, REPLAY_POLL_RECORDS),
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, maxPartitionFetchBytes,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, fetchMaxBytes);
    }

    /**
     * Starts a rebuild on a thread of its own.
     *
     * @throws ProblemException 409 {@code rebuild-in-progress} while one runs; 409 {@code rebuild-refused} when this
     *                          instance is not the only consumer of the archived topic
     */
    public synchronized RebuildStatus start() {
        if (current != null && !current.phase.finished()) {
            throw new ProblemException(QueryProblem.REBUILD_IN_PROGRESS, "rebuild " + current.id + " is "
                    + current.phase.apiName() + "; follow GET /admin/read-model/rebuild");
        }
        whyNotSoleConsumer().ifPresent(reason -> {
            throw new ProblemException(QueryProblem.REBUILD_REFUSED, reason);
        });
        Run run = new Run();
        current = run;
        Thread thread = new Thread(run, "read-model-rebuild");
        thread.setDaemon(true);
        run.thread = thread;
        thread.start();
        LOG.infof("read-model rebuild %s started", run.id);
        return run.status();
    }

    /** The running rebuild's status, else the last one's; empty when none was started since this instance started. */
    public synchronized Optional<RebuildStatus> status() {
        return Optional.ofNullable(current).map(Run::status);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        Run run;
        synchronized (this) {
            run = current;
        }
        if (run != null && !run.phase.finished()) {
            run.stop();
        }
    }

    /**
     * Why this instance cannot rebuild alone, if it cannot: another member in the live consumer group (its writes
     * to the old generation could land after this instance's last look at the topic), or this instance's live
     * consumer not holding every partition (not joined yet).
     */
    private Optional<String> whyNotSoleConsumer() {
        try {
            var live = kafkaClients.getConsumer(CHANNEL);
            // all three asked at once: the live consumer answers between two polls (up to its poll timeout each)
            CompletableFuture<Set<TopicPartition>> all = live.partitionsFor(topic).subscribeAsCompletionStage()
                    .thenApply(partitions -> partitions.stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toSet()));
            CompletableFuture<Set<TopicPartition>> assigned = live.getAssignments().subscribeAsCompletionStage();
            int members;
            try (Admin admin = Admin.create(kafka)) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).describedGroups()
                        .get(groupId).get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                members = group.members().size();
            }
            Set<TopicPartition> held = assigned.get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (members > 1) {
                return Optional.of(members + " consumers (query-service instances) read " + topic + " in group "
                        + groupId + "; a rebuild is done by a single instance: scale query-service to one, rebuild,"
                        + " and scale it back (ADR 0024)");
            }
            Set<TopicPartition> partitions = all.get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!held.containsAll(partitions)) {
                return Optional.of("this instance's consumer holds " + held.size() + " of the " + partitions.size()
                        + " partitions of " + topic + " (still joining its group?); retry in a few seconds");
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking Kafka about the consumer group");
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return Optional.of("cannot ask Kafka about the consumer group " + groupId + ": " + e);
        }
    }

    /** One rebuild: its progress (read by status requests) and its work (on its own thread). */
    private final class Run implements Runnable {

        final UUID id = UUID.randomUUID();
        final Instant startedAt = Instant.now();
        volatile RebuildPhase phase = RebuildPhase.PREPARING;
        volatile long replayed;
        volatile long total;
        volatile long skipped;
        volatile long replayStartedNanos;
        volatile long finishedNanos;
        volatile long lastLogNanos = System.nanoTime();
        volatile Instant switchedAt;
        volatile Instant finishedAt;
        volatile String failure;
        volatile boolean stopping;
        volatile ArchivedTopicReplay replay;
        Thread thread;

        @Override
        public void run() {
            try {
                generations.createNext();
                List<String> deferredIndexes = generations.dropDeferrableIndexes();
                try (ArchivedTopicReplay topicReplay = new ArchivedTopicReplay(consumerConfig(), topic)) {
                    replay = topicReplay;
                    if (stopping) {
                        throw new WakeupException();
                    }
                    Map<TopicPartition, Long> ends = topicReplay.ends();
                    total = topicReplay.recordsUpTo(ends);
                    replayStartedNanos = System.nanoTime();
                    enter(RebuildPhase.REPLAYING);
                    topicReplay.replayUntil(ends, this::apply);
                    long indexing = System.nanoTime();
                    generations.createIndexes(deferredIndexes);
                    LOG.infof("read-model rebuild %s: %d index(es) built in %d ms", id, deferredIndexes.size(),
                            (System.nanoTime() - indexing) / 1_000_000);
                    enter(RebuildPhase.CATCHING_UP);
                    for (int pass = 0; pass < MAX_CATCH_UP_PASSES; pass++) {
                        ends = topicReplay.ends();
                        total = Math.max(total, topicReplay.recordsUpTo(ends));
                        if (total - topicReplay.replayed() <= maxPollRecords) {
                            break; // little enough to replay with the live consumer held
                        }
                        topicReplay.replayUntil(ends, this::apply);
                    }
                    enter(RebuildPhase.SWITCHING);
                    // asked just before the live consumer is held, not while it is: the answer waits for that
                    // consumer's next poll and a new admin client (about 70 ms), and the rename needs it fresh
                    Optional<String> refused = whyNotSoleConsumer();
                    if (stopping) {
                        throw new WakeupException();
                    }
                    switchOver(topicReplay, refused);
                }
                enter(RebuildPhase.DROPPING_OLD);
                generations.dropIfExists(ReadModelGenerations.RETIRED);
                finishedNanos = System.nanoTime();
                finishedAt = Instant.now();
                enter(RebuildPhase.SWITCHED);
            } catch (WakeupException e) {
                fail("stopped: the service is shutting down", null);
            } catch (RuntimeException e) {
                fail(String.valueOf(e.getMessage()), e);
            }
        }

        /**
         * With the live consumer held between two batches: the topic's end now, the records up to it, and the
         * rename. The live read model holds at most what the topic held now, and the new one all of it. Refused
         * (before anything moves) when {@code refused} says why this instance cannot switch alone.
         */
        private void switchOver(ArchivedTopicReplay topicReplay, Optional<String> refused) {
            gate.hold();
            try {
                if (refused.isPresent()) {
                    throw new IllegalStateException(refused.get());
                }
                Map<TopicPartition, Long> ends = topicReplay.ends();
                total = Math.max(total, topicReplay.recordsUpTo(ends));
                topicReplay.replayUntil(ends, this::apply);
                String live = generations.switchOver();
                switchedAt = Instant.now();
                LOG.infof("read-model rebuild %s: reads and the live consumer moved to the new generation (schema"
                        + " %s, %d record(s) replayed); the old one is %s until dropped", id, live, replayed,
                        ReadModelGenerations.RETIRED);
            } finally {
                gate.release();
            }
        }

        private void apply(ArchivedTopicReplay.Batch batch) {
            long refused = 0;
            if (!batch.events().isEmpty()) {
                List<ReadModelWriter.Applied> outcomes = retry.run("rebuild: apply " + batch.events().size()
                        + " archive event(s)", () -> writer.applyAllIn(ReadModelGenerations.NEXT, batch.events()));
                refused = outcomes.stream().filter(outcome -> outcome.refusal() != null).count();
            }
            skipped += refused + batch.undecodable();
            replayed = batch.replayed();
            long now = System.nanoTime();
            if (now - lastLogNanos >= PROGRESS_LOG_INTERVAL.toNanos()) {
                lastLogNanos = now;
                LOG.infof("read-model rebuild %s: %s, %d of %d record(s), %.0f/s", id, phase.apiName(), replayed,
                        total, perSecond());
            }
            if (stopping) {
                throw new WakeupException();
            }
        }

        private void enter(RebuildPhase next) {
            phase = next;
            LOG.infof("read-model rebuild %s: %s (%d of %d record(s))", id, next.apiName(), replayed, total);
        }

        private void fail(String reason, RuntimeException cause) {
            failure = reason;
            if (switchedAt == null) {
                try {
                    generations.dropIfExists(ReadModelGenerations.NEXT);
                } catch (RuntimeException dropFailed) {
                    LOG.warnf("read-model rebuild %s: could not drop %s (the next rebuild will): %s", id,
                            ReadModelGenerations.NEXT, dropFailed.getMessage());
                }
            } else {
                failure = reason + " (after the switch: reads use the new generation; " + ReadModelGenerations.RETIRED
                        + " is dropped by the next rebuild)";
            }
            finishedNanos = System.nanoTime();
            finishedAt = Instant.now();
            phase = RebuildPhase.FAILED;
            if (cause == null) {
                LOG.warnf("read-model rebuild %s failed: %s", id, failure);
            } else {
                LOG.errorf(cause, "read-model rebuild %s failed: %s", id, failure);
            }
        }

        void stop() {
            stopping = true;
            ArchivedTopicReplay topicReplay = replay;
            if (topicReplay != null) {
                topicReplay.wakeup();
            }
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private double perSecond() {
            long started = replayStartedNanos;
            if (started == 0) {
                return 0;
            }
            long until = finishedNanos == 0 ? System.nanoTime() : finishedNanos;
            double seconds = (until - started) / 1e9;
            return seconds <= 0 ? 0 : replayed / seconds;
        }

        RebuildStatus status() {
            double rate = perSecond();
            Long secondsLeft = rate > 0 && !phase.finished()
                    ? Long.valueOf(Math.round(Math.max(0, total - replayed) / rate)) : null;
            return new RebuildStatus(id, phase.apiName(), replayed, total, Math.round(rate * 10) / 10.0,
                    secondsLeft, skipped, startedAt, switchedAt, finishedAt, failure);
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.putAll(fetchLimits);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "read-model-rebuild");
        return config;
    }
}
