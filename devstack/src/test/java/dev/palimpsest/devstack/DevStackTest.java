package dev.palimpsest.devstack;

import dev.palimpsest.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The devstack's real Kafka and PostgreSQL: topics as promised, a record round trip, both databases, a restart. */
class DevStackTest {

    private static Path dataDirectory;
    private static DevStack stack;

    @BeforeAll
    static void start() throws Exception {
        dataDirectory = Files.createTempDirectory("devstack-test-");
        stack = DevStack.start(new DevStack.Options(dataDirectory, InfrastructureMode.configured(), "384m"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        DataDirectories.deleteQuietly(dataDirectory);
    }

    @Test
    void topicsHaveTheirPartitionsAndSubmittedIsKeptForever() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    List.of(Topics.REVISIONS_SUBMITTED, Topics.REVISIONS_ARCHIVED)).allTopicNames().get(30,
                    TimeUnit.SECONDS);
            topics.values().forEach(topic -> assertEquals(Topics.DEFAULT_PARTITIONS, topic.partitions().size(),
                    topic.toString()));
            assertEquals(Topics.DEFAULT_PARTITIONS, stack.partitions(), "what the stack reports is the topics' count");

            var resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.REVISIONS_SUBMITTED);
            var config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertEquals("-1", config.get("retention.ms").value());
            assertEquals("-1", config.get("retention.bytes").value());

            // every dead-letter topic the services publish to exists: they never create topics themselves
            assertEquals(Topics.DEAD_LETTER_TOPICS.size(), admin.describeTopics(Topics.DEAD_LETTER_TOPICS)
                    .allTopicNames().get(30, TimeUnit.SECONDS).size());
        }
    }

    @Test
    void recordsRoundTripThroughTheBroker() {
        String topic = Topics.REVISIONS_SUBMITTED;
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "devstack-test", "hello 佳士")).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "devstack-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen.stream().noneMatch(r -> "devstack-test".equals(r.key())) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
            }
            assertTrue(seen.stream().anyMatch(r -> "devstack-test".equals(r.key()) && "hello 佳士".equals(r.value())),
                    "record not read back: " + seen);
        }
    }

    @Test
    void everyServiceHasItsOwnDatabase() throws Exception {
        for (String database : DevStack.DATABASES) {
            try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(database), "postgres", "postgres");
                 ResultSet row = connection.createStatement().executeQuery("SELECT current_database()")) {
                assertTrue(row.next());
                assertEquals(database, row.getString(1));
            }
        }
    }
}
