package dev.palimpsest.devstack;

import dev.palimpsest.devstack.access.DevstackIssuer;
import dev.palimpsest.devstack.access.DevstackLogKey;
import dev.palimpsest.devstack.containers.ContainerInfrastructure;
import dev.palimpsest.devstack.local.LocalInfrastructure;
import dev.palimpsest.devstack.local.LocalKafkaBroker;
import dev.palimpsest.devstack.local.LocalKafkaCluster;
import dev.palimpsest.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
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
    private final int kafkaBrokers;
    private final DevstackIssuer issuer;
    private final DevstackLogKey logKey;
    private final Thread shutdownHook;
    // what the topics really have: a data directory keeps the count it was first provisioned with
    private volatile int partitions;

    private DevStack(Infrastructure infrastructure, int kafkaBrokers, int partitions, DevstackIssuer issuer,
                     DevstackLogKey logKey) {
        this.infrastructure = infrastructure;
        this.kafkaBrokers = kafkaBrokers;
        this.partitions = partitions;
        this.issuer = issuer;
        this.logKey = logKey;
        this.shutdownHook = new Thread(infrastructure::close, "devstack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * @param dataDirectory where local servers keep their data (reused across restarts)
     * @param mode          how to provide the infrastructure
     * @param kafkaHeap     each broker JVM's maximum heap, e.g. {@code 512m}
     * @param kafkaBrokers  how many Kafka brokers (each also a KRaft controller): 1 for development, 3 for a
     *                      cluster that survives the loss of one (replication factor 3, {@code min.insync.replicas}
     *                      2); more than one needs local processes
     * @param partitions    partitions of the two keyed topics (submitted, archived): how many consumer instances of
     *                      archive- and query-service can work at once, since a partition has one consumer of a
     *                      group at a time; topics that already exist keep theirs
     */
    public record Options(Path dataDirectory, InfrastructureMode mode, String kafkaHeap, int kafkaBrokers,
                          int partitions) {

        /** Each broker's heap in a cluster: three of them share the machine with PostgreSQL and the services. */
        public static final String CLUSTER_KAFKA_HEAP = "320m";
        /** More would only cost broker memory and file handles on a development machine. */
        public static final int MAX_PARTITIONS = 64;

        public Options {
            if (kafkaBrokers < 1 || kafkaBrokers > 9) {
                throw new IllegalArgumentException("Kafka brokers must be 1 to 9, got " + kafkaBrokers);
            }
            if (partitions < 1 || partitions > MAX_PARTITIONS) {
                throw new IllegalArgumentException("partitions must be 1 to " + MAX_PARTITIONS + ", got "
                        + partitions);
            }
        }

        /** {@link Topics#DEFAULT_PARTITIONS} partitions. */
        public Options(Path dataDirectory, InfrastructureMode mode, String kafkaHeap, int kafkaBrokers) {
            this(dataDirectory, mode, kafkaHeap, kafkaBrokers, Topics.DEFAULT_PARTITIONS);
        }

        /** One broker. */
        public Options(Path dataDirectory, InfrastructureMode mode, String kafkaHeap) {
            this(dataDirectory, mode, kafkaHeap, 1);
        }

        public static Options in(Path dataDirectory) {
            return new Options(dataDirectory, InfrastructureMode.configured(), "512m");
        }

        public Options withKafkaBrokers(int brokers) {
            return new Options(dataDirectory, mode, kafkaHeap, brokers, partitions);
        }

        /** Partitions of the submitted and archived topics, when this start creates them. */
        public Options withPartitions(int count) {
            return new Options(dataDirectory, mode, kafkaHeap, kafkaBrokers, count);
        }
    }

    public static DevStack start(Options options) {
        // first: the cheapest step, and one that fails on an unwritable data directory before any server starts
        DevstackIssuer issuer = DevstackIssuer.in(options.dataDirectory());
        DevstackLogKey logKey = DevstackLogKey.in(options.dataDirectory());
        boolean containers = switch (options.mode()) {
            case CONTAINERS -> true;
            case LOCAL -> false;
            // the cluster runs as local processes only: the container path provides one broker
            case AUTO -> options.kafkaBrokers() == 1 && ContainerInfrastructure.dockerAvailable();
        };
        if (containers && options.kafkaBrokers() > 1) {
            throw new IllegalArgumentException("a Kafka cluster of " + options.kafkaBrokers()
                    + " brokers runs as local processes only; containers mode provides one broker");
        }
        Infrastructure infrastructure = containers
                ? ContainerInfrastructure.start()
                : LocalInfrastructure.start(options.dataDirectory(), options.kafkaHeap(), options.kafkaBrokers());
        try {
            DevStack stack = new DevStack(infrastructure, options.kafkaBrokers(), options.partitions(), issuer,
                    logKey);
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

    /** Signs the checkpoints of the archive's transparency logs; kept in the data directory. */
    public DevstackLogKey logKey() {
        return logKey;
    }

    public String kafkaBootstrapServers() {
        return infrastructure.kafkaBootstrapServers();
    }

    public String jdbcUrl(String database) {
        return infrastructure.jdbcUrl(database);
    }

    /** How many Kafka brokers this stack runs. */
    public int kafkaBrokers() {
        return kafkaBrokers;
    }

    /**
     * Partitions of {@link Topics#REVISIONS_SUBMITTED} as the cluster has it (that of {@link Topics#REVISIONS_ARCHIVED}
     * is the same): the requested count on a new data directory, the first start's count on a reused one.
     */
    public int partitions() {
        return partitions;
    }

    /**
     * {@code kill -9} of Kafka broker {@code nodeId} (1 to {@link #kafkaBrokers()}), by its own pid: a crash, for
     * fault tests. Returns the pid it killed, once that process has ended. In a cluster of three the others keep
     * serving: every partition has a copy on two live brokers, enough for {@code min.insync.replicas=2}.
     *
     * @throws UnsupportedOperationException when the infrastructure is not local processes
     */
    public long killKafkaBroker(int nodeId) {
        return localKafka().broker(nodeId).kill();
    }

    /**
     * Starts a broker {@link #killKafkaBroker killed} (or ended) before again on its own storage and returns once the
     * cluster lists it among its live brokers; it then catches up on what it missed as a follower.
     *
     * @throws UnsupportedOperationException when the infrastructure is not local processes
     */
    public void restartKafkaBroker(int nodeId) {
        var broker = localKafka().broker(nodeId);
        broker.start();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        try (Admin admin = Admin.create(adminConfig())) {
            while (true) {
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream()
                            .anyMatch(node -> node.id() == nodeId)) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    // the others answer once the client has found one of them; keep asking
                }
                if (!broker.isAlive()) {
                    throw new IllegalStateException("Kafka broker " + nodeId + " exited:\n" + broker.consoleTail());
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Kafka broker " + nodeId + " not back after " + READY_TIMEOUT);
                }
                sleep(Duration.ofMillis(250));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting Kafka broker " + nodeId, e);
        }
    }

    private LocalKafkaCluster localKafka() {
        if (infrastructure instanceof LocalInfrastructure local) {
            return local.kafka();
        }
        throw new UnsupportedOperationException("brokers can be killed and restarted only as local processes, not in "
                + infrastructure.describe());
    }

    /**
     * The Quarkus configuration a service needs to reach this stack, with {@code database} as its datasource, and to
     * verify the tokens of its {@link #issuer()}; the archive's ({@code database} {@code archive}) also gets the
     * location of the {@link #logKey()} it signs its checkpoints with.
     */
    public Map<String, String> quarkusConfig(String database) {
        var config = new java.util.LinkedHashMap<String, String>();
        config.put("kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers());
        config.putAll(new java.util.TreeMap<>(issuer.verificationConfig()));
        if ("archive".equals(database)) {
            config.putAll(logKey.signingConfig());
        }
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

    private Properties adminConfig() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return config;
    }

    private static Map<String, String> with(Map<String, String> configs, Map<String, String> more) {
        Map<String, String> all = new java.util.HashMap<>(configs);
        all.putAll(more);
        return all;
    }

    private void provisionTopics() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        try (Admin admin = Admin.create(adminConfig())) {
            awaitBrokers(admin, deadline);
            // Both logs are kept by retention forever: submitted is the log of record until the archive trims it,
            // archived is what read models replay.
            // Records may carry revisions of up to ingest's body limit (10 MiB by default, more once JSON-escaped).
            // In a cluster, every broker holds a copy and an acks=all write needs all but one of them: losing one
            // broker loses nothing and refuses nothing.
            Map<String, String> keepForever = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
                    TopicConfig.RETENTION_BYTES_CONFIG, "-1", TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "33554432",
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                    Integer.toString(LocalKafkaBroker.minInsyncReplicas(kafkaBrokers)));
            short replication = (short) LocalKafkaBroker.replicationFactor(kafkaBrokers);
            Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_COMPACT, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                    Integer.toString(LocalKafkaBroker.minInsyncReplicas(kafkaBrokers)));
            List<NewTopic> topics = List.of(
                    // kept until the archive trims it (ADR 0042), in segments it can delete within the hour
                    new NewTopic(Topics.REVISIONS_SUBMITTED, partitions, replication)
                            .configs(with(keepForever, Topics.SUBMITTED_SEGMENTS)),
                    new NewTopic(Topics.REVISIONS_ARCHIVED, partitions, replication).configs(keepForever),
                    new NewTopic(Topics.REVISIONS_DLQ, 1, replication).configs(keepForever),
                    new NewTopic(Topics.ARCHIVED_DLQ, 1, replication).configs(keepForever),
                    // the latest report of each import: the last record of a key is all that counts
                    new NewTopic(Topics.IMPORTS, 1, replication).configs(compacted),
                    // the latest signed checkpoint of each transparency log, by origin
                    new NewTopic(Topics.LOG_CHECKPOINTS, 1, replication).configs(compacted),
                    // the articles' text keys, by article and epoch: an erased key's bytes compacted away (ADR 0042)
                    new NewTopic(Topics.TEXT_KEYS, 1, replication).configs(with(compacted,
                            Topics.TEXT_KEYS_COMPACTION)));
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
                    }
                    // made by an earlier version: given this one's settings (e.g. the segments erasure needs)
                    admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()),
                            topic.configs().entrySet().stream().map(config -> new AlterConfigOp(new ConfigEntry(
                                    config.getKey(), config.getValue()), AlterConfigOp.OpType.SET)).toList()))
                            .all().get(30, TimeUnit.SECONDS);
                }
            }
            awaitFullyReplicated(admin, topics.stream().map(NewTopic::name).toList(), replication, deadline);
            // never repartitioned here: adding partitions would move articles to other partitions mid-history
            partitions = admin.describeTopics(List.of(Topics.REVISIONS_SUBMITTED)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.REVISIONS_SUBMITTED).partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe " + Topics.REVISIONS_SUBMITTED, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("topic creation timed out", e);
        }
    }

    /**
     * Until every partition of the topics has all its replicas in sync. A new topic reaches each broker through the
     * controller's metadata log a moment after it is created, and until then that broker answers "unknown topic" to
     * whoever asks it (a service starting, a test). A follower joins the in-sync set only once it has the topic, and
     * with replication factor 3 on three brokers every broker is a follower or leader of every partition: all in
     * sync means every broker knows every topic. One broker: in sync as soon as it exists.
     */
    private static void awaitFullyReplicated(Admin admin, List<String> topics, short replication, Instant deadline)
            throws InterruptedException {
        while (true) {
            Exception lastFailure = null;
            try {
                boolean allInSync = admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).values()
                        .stream().flatMap(topic -> topic.partitions().stream())
                        .allMatch(partition -> partition.isr().size() >= replication);
                if (allInSync) {
                    return;
                }
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                lastFailure = e; // "unknown topic" from a broker that has not applied the creation yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("topics not fully replicated after " + READY_TIMEOUT, lastFailure);
            }
            sleep(Duration.ofMillis(100));
        }
    }

    /** Until every broker has registered: a topic of replication factor 3 needs three live brokers. */
    private void awaitBrokers(Admin admin, Instant deadline) throws InterruptedException {
        while (true) {
            Exception lastFailure = null;
            try {
                if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= kafkaBrokers) {
                    return;
                }
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                lastFailure = e;
            }
            if (infrastructure instanceof LocalInfrastructure local && local.kafka().firstDead().isPresent()) {
                var dead = local.kafka().firstDead().get();
                throw new IllegalStateException("the Kafka broker " + dead.nodeId() + " exited:\n"
                        + dead.consoleTail());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Kafka not ready after " + READY_TIMEOUT, lastFailure);
            }
            sleep(Duration.ofMillis(250));
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
