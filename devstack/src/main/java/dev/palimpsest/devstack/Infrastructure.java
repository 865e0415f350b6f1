package dev.palimpsest.devstack;

/** A running Kafka and PostgreSQL, however they were started. Closing stops what this process started. */
public interface Infrastructure extends AutoCloseable {

    String kafkaBootstrapServers();

    /** JDBC URL of the server's {@code postgres} maintenance database. */
    default String adminJdbcUrl() {
        return jdbcUrl("postgres");
    }

    String jdbcUrl(String database);

    String databaseUser();

    String databasePassword();

    /** A line for people: what runs where. */
    String describe();

    @Override
    void close();
}
