package dev.palimpsest.devstack.local;

import dev.palimpsest.devstack.Infrastructure;

import java.nio.file.Path;

/** Kafka and PostgreSQL as local processes under one data directory: no Docker needed. */
public final class LocalInfrastructure implements Infrastructure {

    private final LocalPostgres postgres;
    private final LocalKafkaCluster kafka;

    private LocalInfrastructure(LocalPostgres postgres, LocalKafkaCluster kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /** Starts PostgreSQL and one broker side by side; ports are kept in the data directory for restarts. */
    public static LocalInfrastructure start(Path dataDirectory, String kafkaHeap) {
        return start(dataDirectory, kafkaHeap, 1);
    }

    /**
     * Starts PostgreSQL and a KRaft cluster of {@code kafkaBrokers} side by side; ports are kept in the data
     * directory for restarts.
     *
     * @param kafkaHeap each broker JVM's maximum heap
     */
    public static LocalInfrastructure start(Path dataDirectory, String kafkaHeap, int kafkaBrokers) {
        PortBook ports = new PortBook(dataDirectory);
        var postgres = new LocalPostgres(dataDirectory.resolve("postgres/data"), ports.port("postgres.port"));
        var kafka = LocalKafkaCluster.of(dataDirectory, ports, kafkaBrokers, kafkaHeap);
        var infrastructure = new LocalInfrastructure(postgres, kafka);
        try {
            kafka.start(); // its JVMs boot while PostgreSQL starts
            postgres.start();
            return infrastructure;
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
    }

    public LocalKafkaCluster kafka() {
        return kafka;
    }

    /** The PostgreSQL server, e.g. to stop and start it again in a fault run. */
    public LocalPostgres postgres() {
        return postgres;
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    @Override
    public String databaseUser() {
        return "postgres";
    }

    @Override
    public String databasePassword() {
        return "postgres";
    }

    @Override
    public String describe() {
        return "local processes: Kafka " + (kafka.size() == 1 ? "" : "(" + kafka.size() + " brokers) ")
                + kafka.bootstrapServers() + ", PostgreSQL " + postgres.jdbcUrl("");
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }
}
