package dev.palimpsest.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The anchor of the synthetic import's rate: a raw Kafka producer in this process ({@code acks=all}, idempotent,
 * otherwise the client's defaults) sending the very records ingest published for that import to a topic of its own
 * on the same broker, with as many partitions. The records are first copied from the submitted topic to a file (an
 * offset range noted before and after the import), so the timed part is the producer alone: first send to the last
 * acknowledgement.
 */
final class RawProducerAnchor implements AutoCloseable {

    static final String TOPIC = "bench.raw-producer";
    /** Larger than any record ingest can publish, whatever it packs into one. */
    private static final int MAX_RECORD_BYTES = 64 << 20;

    private final String bootstrapServers;
    private final Admin admin;

    RawProducerAnchor(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(config);
    }

    /** The current end of every partition of {@code topic}. */
    Map<TopicPartition, Long> endOffsets(String topic) throws ExecutionException, InterruptedException {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** What was copied: records, and key + value + header bytes. */
    record Spool(Path file, long records, long bytes, int partitions) {
    }

    /** Copies the records between {@code from} and {@code to} (end offsets taken before and after) to a file. */
    Spool spool(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, Path file) throws IOException {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long records = 0;
        long bytes = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                     1 << 16))) {
            consumer.assign(to.keySet());
            Map<TopicPartition, Long> remaining = new HashMap<>();
            to.forEach((partition, end) -> {
                long start = from.getOrDefault(partition, 0L);
                consumer.seek(partition, start);
                if (end > start) {
                    remaining.put(partition, end);
                }
            });
            while (!remaining.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long end = remaining.get(partition);
                    if (end == null || record.offset() >= end) {
                        continue;
                    }
                    bytes += write(out, record);
                    records++;
                    if (record.offset() + 1 >= end) {
                        remaining.remove(partition);
                    }
                }
                // transaction markers take offsets too: a partition whose position passed its end is done
                remaining.keySet().removeIf(partition -> consumer.position(partition) >= remaining.get(partition));
            }
        }
        return new Spool(file, records, bytes, to.size());
    }

    private static long write(DataOutputStream out, ConsumerRecord<byte[], byte[]> record) throws IOException {
        long bytes = 0;
        bytes += bytes(out, record.key());
        bytes += bytes(out, record.value());
        Header[] headers = record.headers().toArray();
        out.writeInt(headers.length);
        for (Header header : headers) {
            bytes += bytes(out, header.key().getBytes(StandardCharsets.UTF_8));
            bytes += bytes(out, header.value());
        }
        return bytes;
    }

    private static int bytes(DataOutputStream out, byte[] bytes) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
            return 0;
        }
        out.writeInt(bytes.length);
        out.write(bytes);
        return bytes.length;
    }

    /** Produces the spooled records to {@link #TOPIC} (created here) and returns first send to last ack. */
    Duration produce(Spool spool) throws IOException, ExecutionException, InterruptedException {
        admin.createTopics(List.of(new NewTopic(TOPIC, spool.partitions(), (short) 1)
                .configs(Map.of("max.message.bytes", Integer.toString(MAX_RECORD_BYTES))))).all().get();
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(MAX_RECORD_BYTES));
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer());
             DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spool.file()),
                     1 << 16))) {
            // the connection and the topic's metadata before the clock starts, as a long-running producer has them
            producer.partitionsFor(TOPIC);
            long begin = System.nanoTime();
            while (true) {
                byte[] key;
                try {
                    key = read(in);
                } catch (EOFException end) {
                    break;
                }
                byte[] value = read(in);
                RecordHeaders headers = new RecordHeaders();
                int count = in.readInt();
                for (int h = 0; h < count; h++) {
                    headers.add(new String(read(in), StandardCharsets.UTF_8), read(in));
                }
                producer.send(new ProducerRecord<>(TOPIC, null, key, value, headers), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
            Duration took = Duration.ofNanos(System.nanoTime() - begin);
            if (failure.get() != null) {
                throw new IOException("the raw producer's send failed: " + failure.get(), failure.get());
            }
            return took;
        }
    }

    private static byte[] read(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
    }
}
