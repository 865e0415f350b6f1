package dev.palimpsest.devstack.containers;

import dev.palimpsest.devstack.Infrastructure;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Kafka (KRaft, the apache/kafka image) and PostgreSQL as containers, for machines with a Docker engine.
 * Testcontainers' reaper removes them when this JVM ends, however it ends.
 */
public final class ContainerInfrastructure implements Infrastructure {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    static final String POSTGRES_IMAGE = "postgres:17-alpine";

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;

    private ContainerInfrastructure(KafkaContainer kafka, PostgreSQLContainer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    public static ContainerInfrastructure start() {
        var kafka = new KafkaContainer(KAFKA_IMAGE);
        var postgres = new PostgreSQLContainer(POSTGRES_IMAGE).withDatabaseName("postgres")
                .withUsername("postgres").withPassword("postgres");
        var infrastructure = new ContainerInfrastructure(kafka, postgres);
        try {
            kafka.start();
            postgres.start();
            return infrastructure;
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + database;
    }

    @Override
    public String databaseUser() {
        return postgres.getUsername();
    }

    @Override
    public String databasePassword() {
        return postgres.getPassword();
    }

    @Override
    public String describe() {
        return "containers: Kafka " + kafkaBootstrapServers() + ", PostgreSQL " + jdbcUrl("");
    }

    @Override
    public void close() {
        try {
            kafka.stop();
        } finally {
            postgres.stop();
        }
    }
}
