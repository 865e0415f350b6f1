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
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), run in its own JVM from the
 * jars Maven resolved for the {@code devstack-kafka} module. Storage is formatted on first start and reused after.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "/dev/palimpsest/devstack/kafka/classpath.txt";

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private final String heap;
    private Process process;

    public LocalKafkaBroker(Path directory, int port, int controllerPort, String heap) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.heap = heap;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public void start() {
        try {
            Files.createDirectories(directory);
            Path config = writeConfig();
            Path logConfig = writeLogConfig();
            Path logDir = directory.resolve("data");
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                runToCompletion(List.of("kafka.tools.StorageTool", "format", "-t", randomClusterId(), "-c",
                        config.toString(), "--standalone"), logConfig, Duration.ofMinutes(2));
            }
            process = launch(List.of("kafka.Kafka", config.toString()), logConfig, directory.resolve("broker.out"));
            OrphanGuard.guard(process.pid(), OrphanGuard.commandName(process.pid()), "TERM");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker in " + directory, e);
        }
    }

    /** True while the broker's JVM runs. */
    public boolean isAlive() {
        return process != null && process.isAlive();
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
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: Kafka's shutdown hook flushes and closes the logs
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private Path writeConfig() throws IOException {
        String properties = """
                # written by the Palimpsest devstack at every start
                process.roles=broker,controller
                node.id=1
                controller.quorum.bootstrap.servers=127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                auto.create.topics.enable=false
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=3
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=3
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controllerPort, directory.resolve("data"));
        Path file = directory.resolve("server.properties");
        Files.writeString(file, properties);
        return file;
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

    /** A KRaft cluster id: 16 random bytes, base64url without padding, as Kafka's {@code Uuid} writes it. */
    static String randomClusterId() {
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
