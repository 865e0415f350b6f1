package dev.palimpsest.devstack.testing;

import dev.palimpsest.events.kafka.EventSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tests' direct access to the Kafka topics, around the services: write events (or raw bytes) as a service would,
 * read a whole topic back, count its records. Every write waits for the broker's acknowledgement.
 */
public final class EventLog {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;

    public EventLog(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Publishes {@code event} as JSON, keyed, as the services do. */
    public void publish(String topic, String key, Object event) {
        send(new KafkaProducer<>(producerConfig(), new StringSerializer(), new EventSerializer()),
                new ProducerRecord<>(topic, key, event));
    }

    /** Publishes arbitrary bytes, e.g. a record no service could decode. */
    public void publishRaw(String topic, String key, byte[] value) {
        send(new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer()),
                new ProducerRecord<>(topic, key, value));
    }

    /** How many records the topic holds (sum of its partitions' end offsets). */
    public long count(String topic) {
        try (var consumer = consumer(new StringDeserializer())) {
            return consumer.endOffsets(partitions(consumer, topic)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Every record of {@code topic} from the beginning to its end as of now. */
    public <V> List<ConsumerRecord<String, V>> readAll(String topic, Deserializer<V> valueDeserializer) {
        try (var consumer = consumer(valueDeserializer)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, V>> records = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic + " not read to its end within " + READ_TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private <V> void send(KafkaProducer<String, V> producer, ProducerRecord<String, V> record) {
        try (producer) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + record.topic(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Properties producerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "33554432");
        return config;
    }

    private <V> KafkaConsumer<String, V> consumer(Deserializer<V> valueDeserializer) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "33554432");
        return new KafkaConsumer<>(config, new StringDeserializer(), valueDeserializer);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }
}
