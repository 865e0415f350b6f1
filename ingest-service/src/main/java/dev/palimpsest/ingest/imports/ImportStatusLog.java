package dev.palimpsest.ingest.imports;

import dev.palimpsest.events.ImportStatus;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.kafka.EventDeserializer;
import dev.palimpsest.events.kafka.EventSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link Topics#IMPORTS} for one ingest instance: writes the reports of the imports it runs, and reads every report
 * (its own and the other instances') from the beginning into an {@link ImportStatusView}, following the topic for as
 * long as it runs. The reader is a plain consumer with its partitions assigned, no group and nothing committed: every
 * instance reads everything.
 *
 * <p>Writes are acknowledged by all in-sync replicas and deduplicated on retry (idempotent producer); the records of
 * one import share a key, hence a partition, and leave this producer in the order they were made.
 */
final class ImportStatusLog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ImportStatusLog.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** How long the reader waits between looks for a topic that does not exist (yet). */
    private static final Duration TOPIC_RETRY = Duration.ofSeconds(2);

    private final KafkaProducer<String, ImportStatus> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final ImportStatusView view;
    private final Thread reader;
    private final CompletableFuture<Void> initialCatchUp = new CompletableFuture<>();
    // what the reader has read up to (the next offset) per partition; waiters are woken when it moves
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Object moved = new Object();
    // a caller's question "where does the topic end now?", answered by the reader thread (a consumer has one owner)
    private final AtomicReference<CompletableFuture<Map<TopicPartition, Long>>> endRequest = new AtomicReference<>();
    private volatile boolean running = true;

    ImportStatusLog(String bootstrapServers, String instanceId, ImportStatusView view) {
        this.view = view;
        this.producer = new KafkaProducer<>(producerConfig(bootstrapServers, instanceId), new StringSerializer(),
                new ImportStatusSerializer());
        this.consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers, instanceId), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.reader = new Thread(this::read, "import-status-reader");
        reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    /** Writes {@code status}; completes once the broker has acknowledged it. */
    CompletableFuture<Void> write(ImportStatus status) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(Topics.IMPORTS, status.importId(), status), (metadata, error) -> {
                if (error == null) {
                    written.complete(null);
                } else {
                    written.completeExceptionally(error);
                }
            });
        } catch (KafkaException e) {
            written.completeExceptionally(e);
        }
        return written;
    }

    /** Completes once the reader has read the whole topic as it was when the reader started. */
    CompletableFuture<Void> initialCatchUp() {
        return initialCatchUp;
    }

    /**
     * Waits until the view holds every record the topic held when this was called (so a report acknowledged
     * before, by any instance, is in it), at most {@code timeout}.
     *
     * @return whether it got there in time
     */
    boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> ends;
        try {
            // callers at the same time share one question
            CompletableFuture<Map<TopicPartition, Long>> request =
                    endRequest.updateAndGet(pending -> pending == null ? new CompletableFuture<>() : pending);
            consumer.wakeup();
            ends = request.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
        synchronized (moved) {
            while (!reached(ends)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(moved, left);
            }
        }
        return true;
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> positions.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }

    private void read() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            if (partitions == null) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> initialEnds = null;
            while (running) {
                try {
                    if (initialEnds == null) {
                        initialEnds = consumer.endOffsets(partitions);
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        apply(record);
                    }
                    synchronized (moved) {
                        for (TopicPartition partition : partitions) {
                            positions.put(partition, consumer.position(partition));
                        }
                        moved.notifyAll();
                    }
                    if (!initialCatchUp.isDone() && reached(initialEnds)) {
                        LOG.infof("import reports read: %d imports known", view.size());
                        initialCatchUp.complete(null);
                    }
                    CompletableFuture<Map<TopicPartition, Long>> request = endRequest.get();
                    if (request != null) {
                        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                        endRequest.compareAndSet(request, null);
                        request.complete(ends);
                    }
                } catch (WakeupException woken) {
                    // a caller asks where the topic ends (answered on the next turn), or close()
                }
            }
        } catch (WakeupException closing) {
            // close() while the topic's partitions were looked up
        } catch (RuntimeException e) {
            if (running) {
                LOG.errorf(e, "the import report reader stopped: reports of other instances' imports are not"
                        + " followed until this instance restarts");
                initialCatchUp.completeExceptionally(e);
            }
        }
    }

    /** The topic's partitions, once it exists; null when closed before. */
    private List<TopicPartition> awaitPartitions() {
        boolean warned = false;
        while (running) {
            try {
                List<PartitionInfo> found = consumer.partitionsFor(Topics.IMPORTS, TOPIC_RETRY);
                if (!found.isEmpty()) {
                    return found.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // the broker is not reachable yet: try again
            } catch (WakeupException woken) {
                continue; // a caller's question, which waits for the partitions; or close(), which ends the loop
            }
            if (!warned) {
                LOG.warnf("topic %s not found (yet): import reports are answered by the instance running the"
                        + " import only, until it exists", Topics.IMPORTS);
                warned = true;
            }
            try {
                Thread.sleep(TOPIC_RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        ImportStatus status = null;
        if (record.value() != null) {
            try {
                status = new EventDeserializer.ImportStatusDeserializer().deserialize(record.topic(), record.value());
                ImportState.valueOf(status.state());
            } catch (RuntimeException e) {
                // written by a newer or foreign writer: the import's previous report stays
                LOG.warnf("skipped unreadable import report %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                return;
            }
        }
        view.apply(record.key(), status);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!reader.isAlive()) {
            consumer.close(Duration.ofSeconds(1));
        }
        producer.close(Duration.ofSeconds(5));
    }

    private static Properties producerConfig(String bootstrapServers, String instanceId) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, instanceId + "-import-status");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // a report is small; an unreachable broker fails a write in seconds, not the default minutes
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        return config;
    }

    private static Properties consumerConfig(String bootstrapServers, String instanceId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, instanceId + "-import-status-reader");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    /** {@link EventSerializer}, typed for the producer. */
    private static final class ImportStatusSerializer implements org.apache.kafka.common.serialization.Serializer<ImportStatus> {
        private final EventSerializer json = new EventSerializer();

        @Override
        public byte[] serialize(String topic, ImportStatus status) {
            return json.serialize(topic, status);
        }
    }
}
