package dev.palimpsest.devstack.launcher;

import dev.palimpsest.devstack.DevStack;
import dev.palimpsest.devstack.FreePorts;
import dev.palimpsest.devstack.InfrastructureMode;
import dev.palimpsest.devstack.local.LocalInfrastructure;
import dev.palimpsest.devstack.local.LocalPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The whole of Palimpsest on this machine: the {@link DevStack} (Kafka and PostgreSQL) and the three services as
 * child processes, each on its own HTTP port. {@link #start(Options, Progress)} returns once every service answers
 * ready; {@link #close()} stops the services first (so they finish their last writes) and the infrastructure after.
 * A shutdown hook does the same when the JVM ends without {@code close()}.
 *
 * <p>Used by {@code ./palimpsest up} and, with {@link Options#withFreePorts()} and a temporary data directory, by
 * end-to-end tests. Fault runs break it on purpose: {@link #kill(String)} and {@link #restart(String)} a service,
 * {@link #stopPostgres()} and {@link #startPostgres()}.
 */
public final class PalimpsestStack implements AutoCloseable {

    public static final String INGEST = "ingest-service";
    public static final String ARCHIVE = "archive-service";
    public static final String QUERY = "query-service";

    /** Generous: three JVMs boot on two cores beside a Kafka broker, and the archive migrates its schema. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final Options options;
    private final DevStack devStack;
    // replaced when a fault run kills a service and starts it again (kill, restart)
    private volatile ServiceProcess archive;
    private volatile ServiceProcess query;
    private volatile ServiceProcess ingest;
    private boolean stopped;
    private final Thread shutdownHook;

    /**
     * @param home          the repository's root directory: the services' jars are built under it
     * @param dataDirectory Kafka's and PostgreSQL's data, the service logs; reused across restarts
     * @param queryPort     query-service's HTTP port
     * @param ingestPort    ingest-service's HTTP port
     * @param archivePort   archive-service's HTTP port
     * @param mode          local processes, containers, or whichever this machine allows
     * @param kafkaHeap     each broker JVM's maximum heap, e.g. {@code 512m}
     * @param kafkaBrokers  how many Kafka brokers: 1, or 3 for a cluster that survives losing one
     */
    public record Options(Path home, Path dataDirectory, int queryPort, int ingestPort, int archivePort,
                          InfrastructureMode mode, String kafkaHeap, int kafkaBrokers) {

        public static final int DEFAULT_QUERY_PORT = 8080;
        public static final int DEFAULT_INGEST_PORT = 8081;
        public static final int DEFAULT_ARCHIVE_PORT = 8082;
        /** The data directory's name under the repository; {@code .gitignore} lists it. */
        public static final String DEFAULT_DATA_DIRECTORY = ".palimpsest-data";

        public Options {
            Objects.requireNonNull(home, "home");
            Objects.requireNonNull(dataDirectory, "dataDirectory");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(kafkaHeap, "kafkaHeap");
            home = home.toAbsolutePath().normalize();
            dataDirectory = dataDirectory.toAbsolutePath().normalize();
            if (queryPort == ingestPort || queryPort == archivePort || ingestPort == archivePort) {
                throw new IllegalArgumentException("the three services need three different ports, got query "
                        + queryPort + ", ingest " + ingestPort + ", archive " + archivePort);
            }
            if (kafkaBrokers < 1) {
                throw new IllegalArgumentException("Kafka needs at least one broker, got " + kafkaBrokers);
            }
        }

        /** One Kafka broker. */
        public Options(Path home, Path dataDirectory, int queryPort, int ingestPort, int archivePort,
                       InfrastructureMode mode, String kafkaHeap) {
            this(home, dataDirectory, queryPort, ingestPort, archivePort, mode, kafkaHeap, 1);
        }

        /** Ports 8080 (query), 8081 (ingest), 8082 (archive), data in {@code <home>/.palimpsest-data}. */
        public static Options defaults(Path home) {
            return new Options(home, home.resolve(DEFAULT_DATA_DIRECTORY), DEFAULT_QUERY_PORT, DEFAULT_INGEST_PORT,
                    DEFAULT_ARCHIVE_PORT, InfrastructureMode.configured(), "512m");
        }

        public Options withDataDirectory(Path directory) {
            return new Options(home, directory, queryPort, ingestPort, archivePort, mode, kafkaHeap, kafkaBrokers);
        }

        public Options withPorts(int query, int ingest, int archive) {
            return new Options(home, dataDirectory, query, ingest, archive, mode, kafkaHeap, kafkaBrokers);
        }

        /** Three ports free right now, so a test stack never collides with a running {@code ./palimpsest up}. */
        public Options withFreePorts() {
            int query;
            int ingest;
            int archive;
            do {
                query = FreePorts.pick();
                ingest = FreePorts.pick();
                archive = FreePorts.pick();
            } while (query == ingest || query == archive || ingest == archive);
            return withPorts(query, ingest, archive);
        }

        public Options withMode(InfrastructureMode newMode) {
            return new Options(home, dataDirectory, queryPort, ingestPort, archivePort, newMode, kafkaHeap,
                    kafkaBrokers);
        }

        public Options withKafkaHeap(String heap) {
            return new Options(home, dataDirectory, queryPort, ingestPort, archivePort, mode, heap, kafkaBrokers);
        }

        /**
         * A KRaft cluster of {@code brokers} (3: replication factor 3, {@code min.insync.replicas=2}), run as local
         * processes. Each broker gets {@link #kafkaHeap()}: choose a smaller one for three, e.g.
         * {@link DevStack.Options#CLUSTER_KAFKA_HEAP}.
         */
        public Options withBrokers(int brokers) {
            return new Options(home, dataDirectory, queryPort, ingestPort, archivePort, mode, kafkaHeap, brokers);
        }
    }

    /** What the start is doing, for people watching it; every method is optional. */
    public interface Progress {

        Progress SILENT = new Progress() {
        };

        default void infrastructureStarting(Path dataDirectory) {
        }

        default void infrastructureReady(String description, Duration took) {
        }

        default void servicesStarting(List<ServiceProcess> services) {
        }

        default void serviceReady(ServiceProcess service, Duration took) {
        }
    }

    private PalimpsestStack(Options options, DevStack devStack, ServiceProcess archive, ServiceProcess query,
                            ServiceProcess ingest) {
        this.options = options;
        this.devStack = devStack;
        this.archive = archive;
        this.query = query;
        this.ingest = ingest;
        this.shutdownHook = new Thread(this::stop, "palimpsest-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static PalimpsestStack start(Options options) {
        return start(options, Progress.SILENT);
    }

    /**
     * Starts Kafka and PostgreSQL, then the three services side by side, and waits until all of them are ready.
     * Nothing is left running when this throws.
     *
     * @throws IllegalStateException when a jar is missing, a port is taken, or something does not become ready
     *                               (with the failing service's log tail)
     */
    public static PalimpsestStack start(Options options, Progress progress) {
        return start(options, progress, Map.of());
    }

    /**
     * As {@link #start(Options, Progress)}, with {@code serviceEnvironment} added to each service's environment
     * (over what the stack sets itself, the ports excepted), e.g. the tracing exporter's settings a test points at
     * a receiver of its own. Kept on restarts.
     */
    public static PalimpsestStack start(Options options, Progress progress, Map<String, String> serviceEnvironment) {
        // the cheap checks first: a missing jar or a taken port should not cost an infrastructure start
        requireBuilt(options.home());
        requireFreePorts(options);
        try {
            Files.createDirectories(options.dataDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + options.dataDirectory(), e);
        }

        progress.infrastructureStarting(options.dataDirectory());
        long infrastructureStart = System.nanoTime();
        DevStack devStack = DevStack.start(new DevStack.Options(options.dataDirectory(), options.mode(),
                options.kafkaHeap(), options.kafkaBrokers()));
        progress.infrastructureReady(devStack.describe(), since(infrastructureStart));
        devStack.detachShutdownHook(); // ours stops the services first, then the infrastructure

        List<ServiceProcess> started = new CopyOnWriteArrayList<>();
        // until the stack exists with its own hook, one that stops what has started so far (Ctrl-C during start)
        Thread startupHook = new Thread(() -> {
            started.forEach(ServiceProcess::close);
            devStack.close();
        }, "palimpsest-stack-startup");
        Runtime.getRuntime().addShutdownHook(startupHook);
        try {
            ServiceProcess archive = startService(started, options, ARCHIVE, options.archivePort(),
                    with(devStack.environment("archive"), serviceEnvironment));
            ServiceProcess query = startService(started, options, QUERY, options.queryPort(),
                    with(devStack.environment("query"), serviceEnvironment));
            Map<String, String> ingestEnvironment = new LinkedHashMap<>(devStack.environment(null));
            // where ingest points clients (its 202's Location) to follow a submission
            ingestEnvironment.put("PALIMPSEST_INGEST_QUERY_URL", "http://localhost:" + options.queryPort());
            ServiceProcess ingest = startService(started, options, INGEST, options.ingestPort(),
                    with(ingestEnvironment, serviceEnvironment));
            progress.servicesStarting(List.copyOf(started));
            awaitAllReady(started, progress);
            return new PalimpsestStack(options, devStack, archive, query, ingest);
        } catch (RuntimeException e) {
            started.forEach(ServiceProcess::close);
            devStack.close();
            throw e;
        } finally {
            removeShutdownHook(startupHook);
        }
    }

    public URI ingestUrl() {
        return ingest.url();
    }

    public URI queryUrl() {
        return query.url();
    }

    public URI archiveUrl() {
        return archive.url();
    }

    public DevStack devStack() {
        return devStack;
    }

    public ServiceProcess ingest() {
        return ingest;
    }

    public ServiceProcess archive() {
        return archive;
    }

    public ServiceProcess query() {
        return query;
    }

    /** In the order they were started: archive, query, ingest. */
    public List<ServiceProcess> services() {
        return List.of(archive, query, ingest);
    }

    public Options options() {
        return options;
    }

    /**
     * {@code kill -9} of one service, by its own pid ({@link ServiceProcess#kill()}): no shutdown hook, no flush,
     * as a crash would end it. The other services and the infrastructure go on.
     *
     * @param name {@link #INGEST}, {@link #ARCHIVE} or {@link #QUERY}
     */
    public synchronized void kill(String name) {
        service(name).kill();
    }

    /**
     * Starts a service that was killed again, on the same port, with the same environment and data, and waits
     * until it is ready.
     *
     * @param name {@link #INGEST}, {@link #ARCHIVE} or {@link #QUERY}
     * @return the new process
     * @throws IllegalStateException when the service is still running or does not become ready
     */
    public synchronized ServiceProcess restart(String name) {
        if (stopped) {
            throw new IllegalStateException("the stack is stopped");
        }
        ServiceProcess restarted = service(name).restart();
        switch (name) {
            case ARCHIVE -> archive = restarted;
            case QUERY -> query = restarted;
            default -> ingest = restarted;
        }
        restarted.awaitReady(READY_TIMEOUT);
        return restarted;
    }

    /**
     * Stops PostgreSQL (a fast shutdown: the services' connections are cut) and leaves it stopped until
     * {@link #startPostgres()}; the services stay up and must cope. Only for local infrastructure.
     */
    public synchronized void stopPostgres() {
        localPostgres().stop();
    }

    /** Starts PostgreSQL again on the same port and data directory, after {@link #stopPostgres()}. */
    public synchronized void startPostgres() {
        LocalPostgres postgres = localPostgres();
        if (!postgres.isRunning()) {
            postgres.start();
        }
    }

    private LocalPostgres localPostgres() {
        if (devStack.infrastructure() instanceof LocalInfrastructure local) {
            return local.postgres();
        }
        throw new UnsupportedOperationException("PostgreSQL can be stopped and started only when it runs as a local"
                + " process (InfrastructureMode.LOCAL), not with " + devStack.describe());
    }

    private ServiceProcess service(String name) {
        return switch (name) {
            case ARCHIVE -> archive;
            case QUERY -> query;
            case INGEST -> ingest;
            default -> throw new IllegalArgumentException("no service named " + name + "; one of " + ARCHIVE
                    + ", " + QUERY + ", " + INGEST);
        };
    }

    /**
     * Stops the services, then Kafka and PostgreSQL; returns when all have ended. Idempotent; also what the
     * shutdown hook runs.
     */
    @Override
    public void close() {
        stop();
        removeShutdownHook(shutdownHook);
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hooks are running: this one too, and what it stops is only stopped once
        }
    }

    /** Synchronized: a second caller (the shutdown hook, say) returns only once everything has stopped. */
    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            // ingest first, so nothing new enters while the archive and the read model finish what they consume;
            // then those two side by side, each waiting for its own graceful end
            ingest.close();
            Thread archiveStop = new Thread(archive::close, "stop-" + ARCHIVE);
            archiveStop.start();
            query.close();
            archiveStop.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            archive.kill();
        } finally {
            devStack.close();
        }
    }

    private static Map<String, String> with(Map<String, String> environment, Map<String, String> added) {
        Map<String, String> merged = new LinkedHashMap<>(environment);
        merged.putAll(added);
        return merged;
    }

    private static ServiceProcess startService(List<ServiceProcess> started, Options options, String module,
                                               int port, Map<String, String> environment) {
        ServiceProcess service = ServiceProcess.start(ServiceProcess.Options.quarkusModule(options.home(), module,
                port, environment, options.dataDirectory()));
        started.add(service);
        return service;
    }

    private static void awaitAllReady(List<ServiceProcess> services, Progress progress) {
        long begin = System.nanoTime();
        List<CompletableFuture<Void>> readiness = new ArrayList<>();
        for (ServiceProcess service : services) {
            // one thread each: a plain thread, not the common pool, whose size follows the (two) cores
            CompletableFuture<Void> ready = new CompletableFuture<>();
            Thread waiter = new Thread(() -> {
                try {
                    service.awaitReady(READY_TIMEOUT);
                    progress.serviceReady(service, since(begin));
                    ready.complete(null);
                } catch (Throwable e) {
                    ready.completeExceptionally(e);
                }
            }, "await-" + service.name());
            waiter.setDaemon(true);
            waiter.start();
            readiness.add(ready);
        }
        try {
            // the first failure ends the wait: no point waiting three minutes for the others
            CompletableFuture<Object> firstFailure = new CompletableFuture<>();
            readiness.forEach(ready -> ready.exceptionally(e -> {
                firstFailure.completeExceptionally(e);
                return null;
            }));
            CompletableFuture.anyOf(CompletableFuture.allOf(readiness.toArray(CompletableFuture[]::new)),
                    firstFailure).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void requireBuilt(Path home) {
        List<String> missing = new ArrayList<>();
        for (String module : List.of(ARCHIVE, QUERY, INGEST)) {
            Path jar = ServiceProcess.quarkusJar(home, module);
            if (!Files.isRegularFile(jar)) {
                missing.add(jar.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not built: " + String.join(", ", missing)
                    + "; run ./mvnw -DskipTests install first (./palimpsest up does it for you)");
        }
    }

    private static void requireFreePorts(Options options) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(QUERY, options.queryPort());
        ports.put(INGEST, options.ingestPort());
        ports.put(ARCHIVE, options.archivePort());
        List<String> taken = new ArrayList<>();
        ports.forEach((service, port) -> {
            if (FreePorts.isListening(port)) {
                taken.add(port + " (" + service + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new IllegalStateException("port " + String.join(", ", taken)
                    + " already in use: is another Palimpsest running? Stop it, or choose other ports");
        }
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }
}
