package dev.palimpsest.query.rebuild;

import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.kafka.EventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Reads the archived topic from offset zero for a rebuild (ADR 0024): a consumer of its own, outside the live
 * consumer group (no {@code group.id}; every partition {@code assign}ed and sought to its beginning), that commits
 * nothing, so the live group's offsets and members are never touched. Not thread-safe: one rebuild thread uses it,
 * except {@link #wakeup()}; the batches it polls are applied on a thread of its own.
 */
final class ArchivedTopicReplay implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final int FETCH_MAX_WAIT_MS = 10;

    /**
     * A batch as polled: the decoded events in partition order, how many records could not be decoded, and how many
     * records had been read when it was polled (this batch's included).
     */
    record Batch(List<ArchiveEvent> events, int undecodable, long replayed) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    /** Applies the batches, one at a time, in the order they were polled. */
    private final ExecutorService applier = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "read-model-rebuild-apply");
        thread.setDaemon(true);
        return thread;
    });
    private final EventDeserializer.ArchiveEventDeserializer decoder = new EventDeserializer.ArchiveEventDeserializer();
    private final String topic;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Long> beginnings;

    /**
     * @param kafka the connection settings every Kafka client of the service uses ({@code kafka.*}), to which the
     *              live channel's fetch limits are added by the caller
     */
    ArchivedTopicReplay(Map<String, Object> kafka, String topic) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A replay reads a backlog, and its end offsets are asked on the same connection as its fetches: a broker
        // answers a connection's requests in order, so a fetch waiting for new records (500 ms by default) would
        // hold each look at the topic's end for that long.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(config);
        this.topic = topic;
        List<TopicPartition> all = new ArrayList<>();
        for (PartitionInfo partition : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            all.add(new TopicPartition(topic, partition.partition()));
        }
        this.partitions = List.copyOf(all);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.beginnings = consumer.beginningOffsets(partitions);
    }

    List<TopicPartition> partitions() {
        return partitions;
    }

    /** The topic's end offsets now: the position after its last record, per partition. */
    Map<TopicPartition, Long> ends() {
        return consumer.endOffsets(partitions);
    }

    /** Records between the beginning and {@code ends}. */
    long recordsUpTo(Map<TopicPartition, Long> ends) {
        return partitions.stream().mapToLong(p -> ends.get(p) - beginnings.get(p)).sum();
    }

    /** Records read so far. */
    long replayed() {
        return partitions.stream().mapToLong(p -> consumer.position(p) - beginnings.get(p)).sum();
    }

    boolean reached(Map<TopicPartition, Long> ends) {
        return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
    }

    /**
     * Polls until every partition's position has reached {@code ends}, handing each non-empty batch to
     * {@code apply}, in order, on a thread of its own (records beyond {@code ends} that come in the same batch are
     * applied too). While a batch is applied (mostly waiting on the database), the next one is fetched and decoded;
     * at most one batch waits for its turn. Returns once every batch handed over is applied.
     *
     * @throws WakeupException when {@link #wakeup()} was called
     * @throws RuntimeException what {@code apply} threw, once the batches before it are applied
     */
    void replayUntil(Map<TopicPartition, Long> ends, Consumer<Batch> apply) {
        Future<?> applying = null;
        RuntimeException failed = null;
        try {
            while (!reached(ends)) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    continue;
                }
                List<ArchiveEvent> events = new ArrayList<>(records.count());
                int undecodable = 0;
                for (ConsumerRecord<String, byte[]> record : records) {
                    ArchiveEvent event = decode(record);
                    if (event == null) {
                        undecodable++;
                    } else {
                        events.add(event);
                    }
                }
                Batch batch = new Batch(events, undecodable, replayed());
                awaitApplied(applying);
                applying = applier.submit(() -> apply.accept(batch));
            }
        } catch (RuntimeException e) {
            failed = e;
            throw e;
        } finally {
            // never leave a batch being written behind: the caller may drop the generation it writes into
            try {
                awaitApplied(applying);
            } catch (RuntimeException applyFailed) {
                if (failed == null) {
                    throw applyFailed;
                }
                failed.addSuppressed(applyFailed);
            }
        }
    }

    /** Waits for {@code applying} to end, interrupted or not, and rethrows what it threw. */
    private static void awaitApplied(Future<?> applying) {
        if (applying == null) {
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    applying.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException failure) {
                        throw failure;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ArchiveEvent decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return decoder.deserialize(topic, record.headers(), record.value());
        } catch (SerializationException e) {
            return null; // the live consumer dead-lettered it when it met it
        }
    }

    /** Makes a blocked or the next {@link #replayUntil} throw {@link WakeupException}; any thread. */
    void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        applier.shutdownNow();
        consumer.close();
    }
}
