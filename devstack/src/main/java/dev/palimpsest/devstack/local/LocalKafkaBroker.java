package dev.palimpsest.devstack.local;

import dev.palimpsest.devstack.OrphanGuard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka node in KRaft combined mode (broker and controller in one process), run in its own JVM from the jars
 * Maven resolved for the {@code devstack-kafka} module: alone, or one voter of a {@link LocalKafkaCluster}. Storage
 * is formatted once ({@link #format}) and reused by every later start.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "/dev/palimpsest/devstack/kafka/classpath.txt";

    /**
     * A node's identity in the cluster: its KRaft node id and its two listeners' ports.
     *
     * @param nodeId         {@code node.id}, 1 to the cluster's size
     * @param port           the PLAINTEXT (client and inter-broker) listener
     * @param controllerPort the CONTROLLER (KRaft quorum) listener
     */
    public record Node(int nodeId, int port, int controllerPort) {

        String bootstrapServer() {
            return "127.0.0.1:" + port;
        }

        String controllerEndpoint() {
            return "127.0.0.1:" + controllerPort;
        }
    }

    private final Path directory;
    private final Node node;
    private final List<Node> cluster;
    private final String heap;
    private volatile Process process;

    /**
     * @param directory this node's own directory (config, console, {@code data} log dir)
     * @param node      this node
     * @param cluster   every node of the cluster, this one included: the controller quorum and the replication
     *                  factors follow its size
     * @param heap      the JVM's maximum heap, e.g. {@code 512m}
     */
    public LocalKafkaBroker(Path directory, Node node, List<Node> cluster, String heap) {
        if (!cluster.contains(node)) {
            throw new IllegalArgumentException("node " + node + " is not part of " + cluster);
        }
        this.directory = directory;
        this.node = node;
        this.cluster = List.copyOf(cluster);
        this.heap = heap;
    }

    public int nodeId() {
        return node.nodeId();
    }

    int controllerPort() {
        return node.controllerPort();
    }

    /** This node's client listener alone; clients of a cluster want {@link LocalKafkaCluster#bootstrapServers()}. */
    public String bootstrapServers() {
        return node.bootstrapServer();
    }

    /** True once {@link #format} has written this node's storage (it survives restarts). */
    public boolean isFormatted() {
        return Files.exists(directory.resolve("data").resolve("meta.properties"));
    }

    /**
     * Formats this node's storage for the cluster {@code clusterId}: a single node as a standalone quorum, a node of
     * a larger cluster with the same {@code initialControllers} ({@code id@host:port:directoryId,...}) as every
     * other voter, so all of them start from one agreed 3-voter (or n-voter) quorum.
     */
    public void format(String clusterId, String initialControllers) {
        try {
            Files.createDirectories(directory);
            Path config = writeConfig();
            Path logConfig = writeLogConfig();
            List<String> command = new ArrayList<>(List.of("kafka.tools.StorageTool", "format", "-t", clusterId,
                    "-c", config.toString()));
            if (cluster.size() == 1) {
                command.add("--standalone");
            } else {
                command.add("--initial-controllers");
                command.add(initialControllers);
            }
            runToCompletion(command, logConfig, Duration.ofMinutes(2));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format Kafka storage in " + directory, e);
        }
    }

    /** Starts the node's JVM on its formatted storage; returns at once (the cluster waits for readiness). */
    public void start() {
        if (isAlive()) {
            throw new IllegalStateException("Kafka node " + node.nodeId() + " already runs (pid " + pid() + ")");
        }
        if (!isFormatted()) {
            throw new IllegalStateException("Kafka node " + node.nodeId() + " in " + directory + " is not formatted");
        }
        try {
            Path config = writeConfig();
            Path logConfig = writeLogConfig();
            process = launch(List.of("kafka.Kafka", config.toString()), logConfig, directory.resolve("broker.out"));
            OrphanGuard.guard(process.pid(), OrphanGuard.commandName(process.pid()), "TERM");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker in " + directory, e);
        }
    }

    /** True while the broker's JVM runs. */
    public boolean isAlive() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** The JVM's process id, or -1 before the first start. */
    public long pid() {
        Process running = process;
        return running == null ? -1 : running.pid();
    }

    /**
     * {@code kill -9} of this node's JVM (its own pid, nothing else): a crash, no shutdown hook, no flush. Returns
     * the pid it killed once the process is gone; {@link #start()} brings the node back on the same storage.
     */
    public long kill() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            throw new IllegalStateException("Kafka node " + node.nodeId() + " is not running");
        }
        running.destroyForcibly(); // SIGKILL on POSIX
        try {
            if (!running.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Kafka node " + node.nodeId() + " (pid " + running.pid()
                        + ") survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing Kafka node " + node.nodeId(), e);
        }
        return running.pid();
    }

    /** The last lines of the broker's console, for error messages. */
    public String consoleTail() {
        Path out = directory.resolve("broker.out");
        try {
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no console output at " + out + ")";
        }
    }

    @Override
    public void close() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        running.destroy(); // SIGTERM: Kafka's shutdown hook flushes and closes the logs
        try {
            if (!running.waitFor(30, TimeUnit.SECONDS)) {
                running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** How many copies of each partition a cluster of {@code brokers} keeps: all of them, at most three. */
    public static int replicationFactor(int brokers) {
        return Math.min(brokers, 3);
    }

    /**
     * The in-sync replicas an {@code acks=all} write needs: one fewer than the copies, so a cluster of three
     * survives the loss of one broker without refusing writes, and never acknowledges a write held by one copy.
     */
    public static int minInsyncReplicas(int brokers) {
        return Math.max(1, replicationFactor(brokers) - 1);
    }

    private Path writeConfig() throws IOException {
        Path file = directory.resolve("server.properties");
        Files.writeString(file, serverProperties());
        return file;
    }

    /** This node's {@code server.properties}. */
    String serverProperties() {
        String controllers = String.join(",", cluster.stream().map(Node::controllerEndpoint).toList());
        int replication = replicationFactor(cluster.size());
        int minIsr = minInsyncReplicas(cluster.size());
        return """
                # written by the Palimpsest devstack at every start
                process.roles=broker,controller
                node.id=%4$d
                controller.quorum.bootstrap.servers=%5$s
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                auto.create.topics.enable=false
                # internal topics as durable as ours: every broker holds a copy, acks=all needs all but one
                default.replication.factor=%6$d
                min.insync.replicas=%7$d
                offsets.topic.replication.factor=%6$d
                offsets.topic.num.partitions=3
                transaction.state.log.replication.factor=%6$d
                transaction.state.log.min.isr=%7$d
                transaction.state.log.num.partitions=3
                share.coordinator.state.topic.replication.factor=%6$d
                share.coordinator.state.topic.min.isr=%7$d
                group.initial.rebalance.delay.ms=0
                # an erasure's segments deleted and its keys compacted within seconds of being due (ADR 0042), not
                # after the defaults' 5 minutes and 15 seconds
                log.retention.check.interval.ms=5000
                log.cleaner.backoff.ms=5000
                """.formatted(node.port(), node.controllerPort(), directory.resolve("data"), node.nodeId(),
                controllers, replication, minIsr);
    }

    private Path writeLogConfig() throws IOException {
        String log4j = """
                status = warn
                appender.file.type = RollingFile
                appender.file.name = file
                appender.file.fileName = %1$s/server.log
                appender.file.filePattern = %1$s/server.log.%%i
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = [%%d] %%p %%m (%%c)%%n
                appender.file.policies.type = Policies
                appender.file.policies.size.type = SizeBasedTriggeringPolicy
                appender.file.policies.size.size = 20MB
                appender.file.strategy.type = DefaultRolloverStrategy
                appender.file.strategy.max = 3
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = file
                """.formatted(directory);
        Path file = directory.resolve("log4j2.properties");
        Files.writeString(file, log4j);
        return file;
    }

    private Process launch(List<String> mainAndArgs, Path logConfig, Path console) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-Xms64m");
        command.add("-XX:+UseG1GC");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=" + logConfig);
        command.add("-cp");
        command.add(classpath());
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
                .start();
    }

    private void runToCompletion(List<String> mainAndArgs, Path logConfig, Duration timeout) throws IOException {
        Path console = directory.resolve("format.out");
        Process format = launch(mainAndArgs, logConfig, console);
        try {
            if (!format.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                format.destroyForcibly();
                throw new IllegalStateException("Kafka storage format did not finish in " + timeout);
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
        if (format.exitValue() != 0) {
            throw new IllegalStateException("Kafka storage format failed (exit " + format.exitValue() + "): "
                    + Files.readString(console));
        }
    }

    /** The broker's class path: the jar list the devstack-kafka module's build wrote. */
    static String classpath() {
        try (InputStream in = LocalKafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build the devstack-kafka module");
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            for (String jar : classpath.split(java.io.File.pathSeparator)) {
                if (!Files.isRegularFile(Path.of(jar))) {
                    throw new IllegalStateException("Kafka jar " + jar + " is missing from the local Maven "
                            + "repository: rebuild with ./mvnw install -pl devstack-kafka");
                }
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A KRaft cluster id (or log directory id): 16 random bytes, base64url without padding, as Kafka's {@code Uuid}
     * writes it.
     */
    static String randomUuid() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-")); // Kafka refuses ids that look like command-line flags
        return id;
    }
}
