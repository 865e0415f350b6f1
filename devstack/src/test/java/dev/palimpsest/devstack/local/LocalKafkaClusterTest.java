package dev.palimpsest.devstack.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cluster's layout and configuration, without starting a broker. */
class LocalKafkaClusterTest {

    @Test
    void threeNodesEachWithItsOwnPortsAndDirectoryAndOneQuorum(@TempDir Path data) throws IOException {
        LocalKafkaCluster cluster = LocalKafkaCluster.of(data, new PortBook(data), 3, "320m");

        assertEquals(3, cluster.size());
        assertEquals(3, cluster.bootstrapServers().split(",").length, cluster.bootstrapServers());
        Set<String> ports = new HashSet<>();
        for (LocalKafkaBroker broker : cluster.brokers()) {
            Properties config = new Properties();
            config.load(new StringReader(broker.serverProperties()));
            assertEquals(Integer.toString(broker.nodeId()), config.getProperty("node.id"));
            assertEquals(data.resolve("kafka-" + broker.nodeId()).resolve("data").toString(),
                    config.getProperty("log.dirs"));
            assertEquals(3, config.getProperty("controller.quorum.bootstrap.servers").split(",").length);
            assertEquals("3", config.getProperty("offsets.topic.replication.factor"));
            assertEquals("3", config.getProperty("transaction.state.log.replication.factor"));
            assertEquals("2", config.getProperty("transaction.state.log.min.isr"));
            assertEquals("2", config.getProperty("min.insync.replicas"));
            assertEquals("3", config.getProperty("default.replication.factor"));
            ports.add(broker.bootstrapServers());
            ports.add(Integer.toString(broker.controllerPort()));
        }
        assertEquals(6, ports.size(), "six distinct listeners: " + ports);

        // the same ports again on the next start: KRaft recorded the controllers' endpoints
        LocalKafkaCluster again = LocalKafkaCluster.of(data, new PortBook(data), 3, "320m");
        assertEquals(cluster.bootstrapServers(), again.bootstrapServers());
    }

    @Test
    void oneNodeKeepsTheSingleBrokerLayoutAndReplicationOne(@TempDir Path data) throws IOException {
        LocalKafkaCluster single = LocalKafkaCluster.of(data, new PortBook(data), 1, "512m");
        Properties config = new Properties();
        config.load(new StringReader(single.broker(1).serverProperties()));

        assertEquals(data.resolve("kafka/data").toString(), config.getProperty("log.dirs"));
        assertEquals("1", config.getProperty("offsets.topic.replication.factor"));
        assertEquals("1", config.getProperty("min.insync.replicas"));
        assertEquals(List.of(single.broker(1).bootstrapServers()), List.of(single.bootstrapServers()));
    }

    @Test
    void aDataDirectoryKeepsItsBrokerCount(@TempDir Path data) throws IOException {
        Files.createDirectories(data.resolve("kafka/data"));
        Files.writeString(data.resolve("kafka/data/meta.properties"), "node.id=1\n");
        var threeOnOne = assertThrows(IllegalStateException.class,
                () -> LocalKafkaCluster.of(data, new PortBook(data), 3, "320m"));
        assertTrue(threeOnOne.getMessage().contains("holds a Kafka of 1 broker, not 3"), threeOnOne.getMessage());
    }

    @Test
    void aClusterDirectoryIsNotStartedAsOneBroker(@TempDir Path data) throws IOException {
        for (int id = 1; id <= 3; id++) {
            Files.createDirectories(data.resolve("kafka-" + id + "/data"));
            Files.writeString(data.resolve("kafka-" + id + "/data/meta.properties"), "node.id=" + id + "\n");
        }
        var oneOnThree = assertThrows(IllegalStateException.class,
                () -> LocalKafkaCluster.of(data, new PortBook(data), 1, "512m"));
        assertTrue(oneOnThree.getMessage().contains("holds a Kafka of 3 brokers, not 1"), oneOnThree.getMessage());
        assertTrue(oneOnThree.getMessage().contains("--brokers 3"), oneOnThree.getMessage());
    }

    @Test
    void aClusterWithSomeNodesWithoutStorageIsRefused(@TempDir Path data) throws IOException {
        for (int id = 1; id <= 2; id++) {
            Files.createDirectories(data.resolve("kafka-" + id + "/data"));
            Files.writeString(data.resolve("kafka-" + id + "/data/meta.properties"), "node.id=" + id + "\n");
        }
        LocalKafkaCluster cluster = LocalKafkaCluster.of(data, new PortBook(data), 2, "320m");
        Files.delete(data.resolve("kafka-2/data/meta.properties"));
        var partial = assertThrows(IllegalStateException.class, cluster::start);
        assertTrue(partial.getMessage().contains("only 1 of the 2 Kafka nodes"), partial.getMessage());
    }
}
