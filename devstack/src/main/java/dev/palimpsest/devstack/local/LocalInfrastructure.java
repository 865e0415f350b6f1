package dev.palimpsest.devstack.local;

import dev.palimpsest.devstack.Infrastructure;

import java.nio.file.Path;

/** Kafka and PostgreSQL as local processes under one data directory: no Docker needed. */
public final class LocalInfrastructure implements Infrastructure {

    private final LocalPostgres postgres;
    private final LocalKafkaBroker kafka;

    private LocalInfrastructure(LocalPostgres postgres, LocalKafkaBroker kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /** Starts PostgreSQL and the broker side by side; ports are kept in the data directory for restarts. */
    public static LocalInfrastructure start(Path dataDirectory, String kafkaHeap) {
        PortBook ports = new PortBook(dataDirectory);
        var postgres = new LocalPostgres(dataDirectory.resolve("postgres/data"), ports.port("postgres.port"));
        var kafka = new LocalKafkaBroker(dataDirectory.resolve("kafka"), ports.port("kafka.port"),
                ports.port("kafka.controller.port"), kafkaHeap);
        var infrastructure = new LocalInfrastructure(postgres, kafka);
        try {
            kafka.start(); // its JVM boots while PostgreSQL starts
            postgres.start();
            return infrastructure;
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
    }

    public LocalKafkaBroker kafka() {
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
        return "local processes: Kafka " + kafka.bootstrapServers() + ", PostgreSQL " + postgres.jdbcUrl("");
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
