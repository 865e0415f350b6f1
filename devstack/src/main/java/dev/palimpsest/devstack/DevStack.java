package dev.palimpsest.devstack;

import dev.palimpsest.devstack.access.DevstackIssuer;
import dev.palimpsest.devstack.containers.ContainerInfrastructure;
import dev.palimpsest.devstack.local.LocalInfrastructure;
import dev.palimpsest.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Palimpsest's infrastructure, ready for the services: Kafka with its topics and PostgreSQL with one database per
 * service. Start with {@link #start(Options)}; {@link #close()} (also run by a shutdown hook) stops what it started.
 */
public final class DevStack implements AutoCloseable {

    /** The databases the services own; services never share tables. */
    public static final List<String> DATABASES = List.of("archive", "query");

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Infrastructure infrastructure;
    private final DevstackIssuer issuer;
    private final Thread shutdownHook;

    private DevStack(Infrastructure infrastructure, DevstackIssuer issuer) {
        this.infrastructure = infrastructure;
        this.issuer = issuer;
        this.shutdownHook = new Thread(infrastructure::close, "devstack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * @param dataDirectory where local servers keep their data (reused across restarts)
     * @param mode          how to provide the infrastructure
     * @param kafkaHeap     the broker JVM's maximum heap, e.g. {@code 512m}
     */
    public record Options(Path dataDirectory, InfrastructureMode mode, String kafkaHeap) {

        public static Options in(Path dataDirectory) {
            return new Options(dataDirectory, InfrastructureMode.configured(), "512m");
        }
    }

    public static DevStack start(Options options) {
        // first: the cheapest step, and one that fails on an unwritable data directory before any server starts
        DevstackIssuer issuer = DevstackIssuer.in(options.dataDirectory());
        boolean containers = switch (options.mode()) {
            case CONTAINERS -> true;
            case LOCAL -> false;
            case AUTO -> ContainerInfrastructure.dockerAvailable();
        };
        Infrastructure infrastructure = containers
                ? ContainerInfrastructure.start()
                : LocalInfrastructure.start(options.dataDirectory(), options.kafkaHeap());
        try {
            DevStack stack = new DevStack(infrastructure, issuer);
            stack.provisionDatabases();
            stack.provisionTopics();
            return stack;
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    /** Signs the tokens the services of this stack accept; its key pair lives in the data directory. */
    public DevstackIssuer issuer() {
        return issuer;
    }

    public String kafkaBootstrapServers() {
        return infrastructure.kafkaBootstrapServers();
    }

    public String jdbcUrl(String database) {
        return infrastructure.jdbcUrl(database);
    }

    /**
     * The Quarkus configuration a service needs to reach this stack, with {@code database} as its datasource, and to
     * verify the tokens of its {@link #issuer()}.
     */
    public Map<String, String> quarkusConfig(String database) {
        var config = new java.util.LinkedHashMap<String, String>();
        config.put("kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers());
        config.putAll(new java.util.TreeMap<>(issuer.verificationConfig()));
        if (database != null) {
            config.put("quarkus.datasource.jdbc.url", infrastructure.jdbcUrl(database));
            config.put("quarkus.datasource.username", infrastructure.databaseUser());
            config.put("quarkus.datasource.password", infrastructure.databasePassword());
        }
        return config;
    }

    /** The same as environment variables, for a service started as a separate process. */
    public Map<String, String> environment(String database) {
        var env = new java.util.LinkedHashMap<String, String>();
        quarkusConfig(database).forEach((key, value) ->
                env.put(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        return env;
    }

    /**
     * For an owner that stops this stack itself, after its own clients, from its own shutdown hook: without this,
     * the JVM runs all hooks at once and Kafka may stop before its consumers have left their groups.
     */
    public void detachShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // too late to detach: the hook is running, and stopping twice is harmless
        }
    }

    public String describe() {
        return infrastructure.describe();
    }

    @Override
    public void close() {
        infrastructure.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; closing twice is harmless
        }
    }

    private void provisionDatabases() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (true) {
            try (Connection connection = DriverManager.getConnection(infrastructure.adminJdbcUrl(),
                    infrastructure.databaseUser(), infrastructure.databasePassword())) {
                for (String database : DATABASES) {
                    createDatabaseIfMissing(connection, database);
                }
                return;
            } catch (SQLException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("PostgreSQL not ready after " + READY_TIMEOUT, e);
                }
                sleep(Duration.ofMillis(250));
            }
        }
    }

    private static void createDatabaseIfMissing(Connection connection, String database) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
        }
        try (Statement create = connection.createStatement()) {
            // the name comes from DATABASES above, never from input
            create.execute("CREATE DATABASE \"" + database + "\" ENCODING 'UTF8'");
        }
    }

    private void provisionTopics() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        try (Admin admin = Admin.create(config)) {
            awaitBroker(admin, deadline);
            // Both logs are kept forever: submitted is the log of record, archived is what read models replay.
            // Records may carry revisions of up to ingest's body limit (10 MiB by default, more once JSON-escaped).
            Map<String, String> keepForever = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
                    TopicConfig.RETENTION_BYTES_CONFIG, "-1", TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "33554432");
            short replication = 1;
            List<NewTopic> topics = List.of(
                    new NewTopic(Topics.REVISIONS_SUBMITTED, Topics.DEFAULT_PARTITIONS, replication).configs(keepForever),
                    new NewTopic(Topics.REVISIONS_ARCHIVED, Topics.DEFAULT_PARTITIONS, replication).configs(keepForever),
                    new NewTopic(Topics.REVISIONS_DLQ, 1, replication).configs(keepForever),
                    new NewTopic(Topics.ARCHIVED_DLQ, 1, replication).configs(keepForever));
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("topic creation timed out", e);
        }
    }

    private void awaitBroker(Admin admin, Instant deadline) throws InterruptedException {
        while (true) {
            try {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                if (infrastructure instanceof LocalInfrastructure local && !local.kafka().isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited:\n" + local.kafka().consoleTail());
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Kafka not ready after " + READY_TIMEOUT, e);
                }
                sleep(Duration.ofMillis(250));
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
