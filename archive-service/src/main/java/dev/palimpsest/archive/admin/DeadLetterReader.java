package dev.palimpsest.archive.admin;

import dev.palimpsest.events.Topics;
import dev.palimpsest.events.kafka.DeadLetterHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the tails of the dead-letter topics ({@link Topics#DEAD_LETTER_TOPICS}) with a consumer that lives for one
 * request: assigned partitions, no group, nothing committed, so it disturbs no service. At most {@code limit}
 * records per partition are fetched, then the newest {@code limit} of all are kept.
 */
@ApplicationScoped
public class DeadLetterReader {

    /** Bounds one request against a slow or unreachable broker. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String bootstrapServers;

    public DeadLetterReader(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * The newest {@code limit} dead letters of all dead-letter topics, newest first.
     *
     * @throws org.apache.kafka.common.KafkaException when the broker cannot be read within {@link #TIMEOUT}
     */
    public DeadLetterList newest(int limit) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(limit)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.DEAD_LETTER_TOPICS) {
                for (PartitionInfo partition : consumer.partitionsFor(topic, TIMEOUT)) {
                    partitions.add(new TopicPartition(topic, partition.partition()));
                }
            }
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            Map<String, Long> counts = new LinkedHashMap<>();
            Topics.DEAD_LETTER_TOPICS.forEach(topic -> counts.put(topic, 0L));
            partitions.forEach(p -> counts.merge(p.topic(), end.get(p) - begin.get(p), Long::sum));

            List<TopicPartition> nonEmpty = partitions.stream().filter(p -> end.get(p) > begin.get(p)).toList();
            consumer.assign(nonEmpty);
            nonEmpty.forEach(p -> consumer.seek(p, Math.max(begin.get(p), end.get(p) - limit)));
            List<DeadLetter> read = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (nonEmpty.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new org.apache.kafka.common.errors.TimeoutException(
                            "dead-letter topics not read within " + TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        read.add(view(record));
                    }
                }
            }
            List<DeadLetter> newest = read.stream()
                    .sorted(Comparator.comparing(DeadLetter::time).thenComparing(DeadLetter::offset).reversed())
                    .limit(limit)
                    .toList();
            return new DeadLetterList(counts, newest);
        }
    }

    private KafkaConsumer<String, byte[]> consumer(int limit) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(limit));
        // Only each record's metadata is kept, but a poll holds whole records (up to 32 MiB each): a small fetch keeps
        // one request's memory near one poll of 8 MiB (a bigger record still comes, alone) in the 256 MiB heap.
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024));
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(1024 * 1024));
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "archive-dead-letter-admin");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Anyone can write to a topic: a header that is not a number is shown as absent rather than failing the list. */
    private static Number number(String text, java.util.function.Function<String, Number> parse) {
        try {
            return parse.apply(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static DeadLetter view(ConsumerRecord<String, byte[]> record) {
        var headers = record.headers();
        String partition = DeadLetterHeaders.text(headers, DeadLetterHeaders.PARTITION);
        String offset = DeadLetterHeaders.text(headers, DeadLetterHeaders.OFFSET);
        return new DeadLetter(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()), record.key(),
                DeadLetterHeaders.text(headers, DeadLetterHeaders.REASON),
                DeadLetterHeaders.text(headers, DeadLetterHeaders.EXCEPTION_CLASS_NAME),
                DeadLetterHeaders.text(headers, DeadLetterHeaders.CAUSE),
                DeadLetterHeaders.text(headers, DeadLetterHeaders.TOPIC),
                partition == null ? null : (Integer) number(partition, Integer::valueOf),
                offset == null ? null : (Long) number(offset, Long::valueOf),
                record.value() == null ? 0 : record.value().length);
    }
}
