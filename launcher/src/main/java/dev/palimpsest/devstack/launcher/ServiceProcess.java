package dev.palimpsest.devstack.launcher;

import dev.palimpsest.devstack.FreePorts;
import dev.palimpsest.devstack.OrphanGuard;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Quarkus service (its {@code quarkus-run.jar}) running as a child process of this JVM, configured entirely
 * through its environment. Its console goes to {@code logs/<name>.log} in the data directory (appended, so a
 * restart keeps the previous run's lines). An {@link OrphanGuard} ends it when this JVM dies without running its
 * shutdown hooks ({@code kill -9}), so no service outlives the launcher or a test run.
 *
 * <p>{@link #close()} stops it politely (SIGTERM, Quarkus' graceful shutdown), {@link #kill()} abruptly (SIGKILL),
 * as a crash would.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final int TAIL_LINES = 40;

    private final Options options;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /**
     * What to run and how.
     *
     * @param name          the service's name, used for its log file and in messages, e.g. {@code query-service}
     * @param jar           the runnable jar, normally {@code <module>/target/quarkus-app/quarkus-run.jar}
     * @param httpPort      given to the service as {@code QUARKUS_HTTP_PORT}
     * @param environment   further environment entries (Kafka, datasource, service settings); they override what
     *                      this JVM's environment holds under the same names
     * @param dataDirectory where {@code logs/<name>.log} goes. The service runs in its jar's directory (the build's
     *                      {@code quarkus-app}): the class-data archive there names its class path relative to it,
     *                      and no stray {@code .env} or {@code config/} of the caller's directory changes the
     *                      service's configuration
     */
    public record Options(String name, Path jar, int httpPort, Map<String, String> environment, Path dataDirectory) {

        public Options {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(jar, "jar");
            Objects.requireNonNull(dataDirectory, "dataDirectory");
            environment = Map.copyOf(environment);
            if (httpPort <= 0 || httpPort > 65535) {
                throw new IllegalArgumentException("HTTP port of " + name + " out of range: " + httpPort);
            }
        }

        /** The Maven module {@code module} of the repository at {@code home}, named after the module. */
        public static Options quarkusModule(Path home, String module, int httpPort, Map<String, String> environment,
                                            Path dataDirectory) {
            return new Options(module, quarkusJar(home, module), httpPort, environment, dataDirectory);
        }

        public Path logFile() {
            return dataDirectory.resolve("logs").resolve(name + ".log");
        }
    }

    private ServiceProcess(Options options, Process process) {
        this.options = options;
        this.process = process;
    }

    /** Where Quarkus' fast-jar packaging puts the runnable jar of a module. */
    public static Path quarkusJar(Path home, String module) {
        return home.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    /**
     * Starts the service and returns at once; use {@link #awaitReady(Duration)} to wait until it serves.
     *
     * @throws IllegalStateException when the jar has not been built, or something already listens on the port
     * @throws UncheckedIOException  when the process cannot be started or its log file not written
     */
    public static ServiceProcess start(Options options) {
        if (!Files.isRegularFile(options.jar())) {
            throw new IllegalStateException(options.name() + " is not built: " + options.jar()
                    + " does not exist; run ./mvnw -DskipTests install first");
        }
        if (FreePorts.isListening(options.httpPort())) {
            // else the readiness probe could be answered by whatever holds the port, and this service fail later
            throw new IllegalStateException("cannot start " + options.name() + ": port " + options.httpPort()
                    + " is already in use");
        }
        Path log = options.logFile();
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(ServiceRuntime.services().jvmOptionsFor(options.jar()));
        command.add("-jar");
        command.add(options.jar().toAbsolutePath().toString());
        try {
            Files.createDirectories(log.getParent());
            // a marker between runs, since the log is appended to across restarts
            Files.writeString(log, "=== " + Instant.now() + " starting " + options.name() + " on port "
                            + options.httpPort() + ": " + String.join(" ", command) + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(options.jar().toAbsolutePath().getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment(options));
            Process process = builder.start();
            OrphanGuard.guard(process.pid(), OrphanGuard.commandName(process.pid()), "TERM");
            return new ServiceProcess(options, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + options.name() + " (log: " + log + ")", e);
        }
    }

    /**
     * The entries this class adds to the inherited environment: the services' runtime settings
     * ({@link ServiceRuntime}), then the caller's, then the port, so nothing overrides it.
     */
    static Map<String, String> environment(Options options) {
        Map<String, String> environment = new LinkedHashMap<>(ServiceRuntime.services().environment());
        environment.putAll(options.environment());
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(options.httpPort()));
        return environment;
    }

    /**
     * Waits until {@code GET /q/health/ready} answers 200: the service reached Kafka (and its database) and its
     * topics exist.
     *
     * @throws IllegalStateException at once when the process exits, or when {@code timeout} passes; both with the
     *                               tail of its log
     */
    public void awaitReady(Duration timeout) {
        URI readiness = URI.create("http://127.0.0.1:" + options.httpPort() + "/q/health/ready");
        HttpRequest request = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        int lastStatus = -1;
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(options.name() + " exited with code " + process.exitValue()
                        + " before it was ready; the end of " + options.logFile() + ":\n" + logTail(TAIL_LINES));
            }
            try {
                lastStatus = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the HTTP server opens late in Quarkus' start; keep polling
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + options.name(), e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(options.name() + " not ready after " + timeout.toSeconds() + " s ("
                        + (lastStatus < 0 ? "nothing listens on port " + options.httpPort()
                        : "last readiness status " + lastStatus) + "); the end of " + options.logFile() + ":\n"
                        + logTail(TAIL_LINES));
            }
            try {
                process.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + options.name(), e);
            }
        }
    }

    public String name() {
        return options.name();
    }

    public Options options() {
        return options;
    }

    public int port() {
        return options.httpPort();
    }

    /** The service's base URL, as people and other services use it. */
    public URI url() {
        return URI.create("http://localhost:" + options.httpPort());
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return options.logFile();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the exit code when the process ends, for whatever reason. */
    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** The last {@code lines} lines of the service's log, decoded leniently (it is for people to read). */
    public String logTail(int lines) {
        return tail(options.logFile(), lines);
    }

    /** SIGTERM, then up to 30 s for Quarkus' graceful shutdown, then SIGKILL. Safe to call more than once. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL now: no shutdown hook, no flush, as if the machine lost power under this service. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts this service again, as it was started (same jar, port, environment and log), once this process has
     * ended: after {@link #kill()}, the way a supervisor would bring a crashed service back. Returns at once; use
     * {@link #awaitReady(Duration)} on the returned process.
     *
     * @throws IllegalStateException when this process is still running, or the port is taken
     */
    public ServiceProcess restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(options.name() + " (pid " + process.pid() + ") is still running");
        }
        return start(options);
    }

    @Override
    public String toString() {
        return options.name() + " (pid " + process.pid() + ", " + url() + ")";
    }

    /** The java launcher of this very JVM, so the services run on the JDK the launcher was started with. */
    static String javaExecutable() {
        Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(fromHome)) {
            return fromHome.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Reads only the end of the file: service logs grow across restarts. */
    static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no log at " + file + ")";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int window = (int) Math.min(length, 64 * 1024);
            byte[] bytes = new byte[window];
            in.seek(length - window);
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            Deque<String> kept = new ArrayDeque<>();
            for (String line : text.split("\\R")) {
                kept.addLast(line);
                if (kept.size() > lines) {
                    kept.removeFirst();
                }
            }
            return String.join("\n", kept);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
