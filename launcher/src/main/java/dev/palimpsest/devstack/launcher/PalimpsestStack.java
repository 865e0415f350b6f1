package dev.palimpsest.devstack.launcher;

import dev.palimpsest.devstack.DevStack;
import dev.palimpsest.devstack.FreePorts;
import dev.palimpsest.devstack.InfrastructureMode;
import dev.palimpsest.devstack.local.LocalInfrastructure;
import dev.palimpsest.devstack.local.LocalPostgres;
import dev.palimpsest.events.Topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 *
 * <p>Scaled out ({@link Options#withArchiveInstances}, {@link Options#withQueryInstances},
 * {@link Options#withPartitions}), archive- and query-service run as several instances, each its own JVM on its own
 * port, the way replicas of a Kubernetes Deployment do: the instances of a service are members of one consumer
 * group (so they share the topic's partitions) and use one database (one archive, one read model). Instance 1 is
 * the one {@link #archive()} and {@link #query()} return and the only one on the configured port; the others take
 * free ports. {@link #kill(String, int)} and {@link #restart(String, int)} address one instance.
 */
public final class PalimpsestStack implements AutoCloseable {

    public static final String INGEST = "ingest-service";
    public static final String ARCHIVE = "archive-service";
    public static final String QUERY = "query-service";

    /** Generous: three JVMs boot on two cores beside a Kafka broker, and the archive migrates its schema. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final Options options;
    private final DevStack devStack;
    // an instance is replaced when a fault run kills it and starts it again (kill, restart); index 0 is instance 1
    private final List<ServiceProcess> archives;
    private final List<ServiceProcess> queries;
    private final List<ServiceProcess> ingests;
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
     * @param scale         partitions of the keyed topics and instances of archive- and query-service
     */
    public record Options(Path home, Path dataDirectory, int queryPort, int ingestPort, int archivePort,
                          InfrastructureMode mode, String kafkaHeap, int kafkaBrokers, Scale scale) {

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
            Objects.requireNonNull(scale, "scale");
        }

        /** One instance of each service, {@link Topics#DEFAULT_PARTITIONS} partitions. */
        public Options(Path home, Path dataDirectory, int queryPort, int ingestPort, int archivePort,
                       InfrastructureMode mode, String kafkaHeap, int kafkaBrokers) {
            this(home, dataDirectory, queryPort, ingestPort, archivePort, mode, kafkaHeap, kafkaBrokers,
                    Scale.SINGLE);
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
            return new Options(home, directory, queryPort, ingestPort, archivePort, mode, kafkaHeap, kafkaBrokers,
                    scale);
        }

        public Options withPorts(int query, int ingest, int archive) {
            return new Options(home, dataDirectory, query, ingest, archive, mode, kafkaHeap, kafkaBrokers, scale);
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
                    kafkaBrokers, scale);
        }

        public Options withKafkaHeap(String heap) {
            return new Options(home, dataDirectory, queryPort, ingestPort, archivePort, mode, heap, kafkaBrokers,
                    scale);
        }

        /**
         * A KRaft cluster of {@code brokers} (3: replication factor 3, {@code min.insync.replicas=2}), run as local
         * processes. Each broker gets {@link #kafkaHeap()}: choose a smaller one for three, e.g.
         * {@link DevStack.Options#CLUSTER_KAFKA_HEAP}.
         */
        public Options withBrokers(int brokers) {
            return new Options(home, dataDirectory, queryPort, ingestPort, archivePort, mode, kafkaHeap, brokers,
                    scale);
        }

        /**
         * Partitions of the submitted and archived topics: the most instances of archive- or query-service that
         * can work at once. Takes effect when the topics are created, on a new data directory; a data directory
         * keeps its count (adding partitions later would move articles, so their order, between partitions).
         */
        public Options withPartitions(int partitions) {
            return withScale(new Scale(partitions, scale.archiveInstances(), scale.queryInstances(),
                    scale.ingestInstances()));
        }

        /** How many archive-service instances (one consumer group, one archive database); 1 by default. */
        public Options withArchiveInstances(int instances) {
            return withScale(new Scale(scale.partitions(), instances, scale.queryInstances(),
                    scale.ingestInstances()));
        }

        /** How many query-service instances (one consumer group, one read model); 1 by default. */
        public Options withQueryInstances(int instances) {
            return withScale(new Scale(scale.partitions(), scale.archiveInstances(), instances,
                    scale.ingestInstances()));
        }

        /** How many ingest-service instances (each reads every import's report: any of them answers for it); 1 by default. */
        public Options withIngestInstances(int instances) {
            return withScale(new Scale(scale.partitions(), scale.archiveInstances(), scale.queryInstances(),
                    instances));
        }

        public Options withScale(Scale newScale) {
            return new Options(home, dataDirectory, queryPort, ingestPort, archivePort, mode, kafkaHeap, kafkaBrokers,
                    newScale);
        }
    }

    /**
     * How far the stack is scaled out. Instances beyond the partitions start and serve HTTP, but their consumers
     * get no partition and stay idle until another instance leaves the group.
     *
     * @param partitions       partitions of {@link Topics#REVISIONS_SUBMITTED} and {@link Topics#REVISIONS_ARCHIVED}
     * @param archiveInstances archive-service processes, at least 1
     * @param queryInstances   query-service processes, at least 1
     * @param ingestInstances  ingest-service processes, at least 1 (each answers for every import)
     */
    public record Scale(int partitions, int archiveInstances, int queryInstances, int ingestInstances) {

        /** The most instances of one service: each is a JVM of up to ≈ 400 MB resident on a development machine. */
        public static final int MAX_INSTANCES = 8;

        /** One instance each, {@link Topics#DEFAULT_PARTITIONS} partitions: the stack before scale-out. */
        public static final Scale SINGLE = new Scale(Topics.DEFAULT_PARTITIONS, 1, 1, 1);

        /** One ingest-service instance. */
        public Scale(int partitions, int archiveInstances, int queryInstances) {
            this(partitions, archiveInstances, queryInstances, 1);
        }

        public Scale {
            if (partitions < 1 || partitions > DevStack.Options.MAX_PARTITIONS) {
                throw new IllegalArgumentException("partitions must be 1 to " + DevStack.Options.MAX_PARTITIONS
                        + ", got " + partitions);
            }
            for (int instances : new int[]{archiveInstances, queryInstances, ingestInstances}) {
                if (instances < 1 || instances > MAX_INSTANCES) {
                    throw new IllegalArgumentException("instances of a service must be 1 to " + MAX_INSTANCES
                            + ", got " + instances);
                }
            }
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

    private PalimpsestStack(Options options, DevStack devStack, List<ServiceProcess> archives,
                            List<ServiceProcess> queries, List<ServiceProcess> ingests) {
        this.options = options;
        this.devStack = devStack;
        this.archives = new CopyOnWriteArrayList<>(archives);
        this.queries = new CopyOnWriteArrayList<>(queries);
        this.ingests = new CopyOnWriteArrayList<>(ingests);
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
                options.kafkaHeap(), options.kafkaBrokers(), options.scale().partitions()));
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
            // the configured ports, and those the extra instances take: a port picked free is not taken until its
            // service binds it, so the next pick must not return it again
            Set<Integer> ports = new HashSet<>(Set.of(options.queryPort(), options.ingestPort(), options.archivePort()));
            List<ServiceProcess> archives = startInstances(started, options, ARCHIVE, options.archivePort(),
                    options.scale().archiveInstances(), with(devStack.environment("archive"), serviceEnvironment), ports);
            List<ServiceProcess> queries = startInstances(started, options, QUERY, options.queryPort(),
                    options.scale().queryInstances(), with(devStack.environment("query"), serviceEnvironment), ports);
            Map<String, String> ingestEnvironment = new LinkedHashMap<>(devStack.environment(null));
            // where ingest points clients (its 202's Location) to follow a submission
            ingestEnvironment.put("PALIMPSEST_INGEST_QUERY_URL", "http://localhost:" + options.queryPort());
            List<ServiceProcess> ingests = startInstances(started, options, INGEST, options.ingestPort(),
                    options.scale().ingestInstances(), with(ingestEnvironment, serviceEnvironment), ports);
            progress.servicesStarting(List.copyOf(started));
            awaitAllReady(started, progress);
            return new PalimpsestStack(options, devStack, archives, queries, ingests);
        } catch (RuntimeException e) {
            started.forEach(ServiceProcess::close);
            devStack.close();
            throw e;
        } finally {
            removeShutdownHook(startupHook);
        }
    }

    /** Instance 1's. */
    public URI ingestUrl() {
        return ingest().url();
    }

    /** Instance 1's. */
    public URI queryUrl() {
        return query().url();
    }

    /** Instance 1's. */
    public URI archiveUrl() {
        return archive().url();
    }

    public DevStack devStack() {
        return devStack;
    }

    /** Ingest-service instance 1 (the only one unless scaled out). */
    public ServiceProcess ingest() {
        return ingests.get(0);
    }

    /** Every ingest-service instance, instance 1 first, as they run now (restarted ones replaced). */
    public List<ServiceProcess> ingests() {
        return List.copyOf(ingests);
    }

    /** Archive-service instance 1 (the only one unless scaled out). */
    public ServiceProcess archive() {
        return archives.get(0);
    }

    /** Query-service instance 1 (the only one unless scaled out). */
    public ServiceProcess query() {
        return queries.get(0);
    }

    /** Every archive-service instance, instance 1 first, as they run now (restarted ones replaced). */
    public List<ServiceProcess> archives() {
        return List.copyOf(archives);
    }

    /** Every query-service instance, instance 1 first, as they run now (restarted ones replaced). */
    public List<ServiceProcess> queries() {
        return List.copyOf(queries);
    }

    /**
     * Instance {@code instance} (from 1) of a service.
     *
     * @param name {@link #INGEST}, {@link #ARCHIVE} or {@link #QUERY}
     * @throws IllegalArgumentException when the service has no such instance
     */
    public ServiceProcess instance(String name, int instance) {
        List<ServiceProcess> instances = instances(name);
        if (instance < 1 || instance > instances.size()) {
            throw new IllegalArgumentException(name + " has instances 1 to " + instances.size() + ", not " + instance);
        }
        return instances.get(instance - 1);
    }

    /**
     * The client id an instance's Kafka consumer gives the broker, e.g. {@code archive-service-2}: how the members
     * of a consumer group ({@code Admin.describeConsumerGroups}) are told apart. The connector may add a suffix of
     * its own after a {@code -}.
     */
    public static String consumerClientId(String name, int instance) {
        return name + "-" + instance;
    }

    /** In the order they were started: the archive instances, the query instances, the ingest instances. */
    public List<ServiceProcess> services() {
        List<ServiceProcess> services = new ArrayList<>(archives);
        services.addAll(queries);
        services.addAll(ingests);
        return List.copyOf(services);
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
        kill(name, 1);
    }

    /**
     * {@code kill -9} of one instance of a service, as {@link #kill(String)}: its consumer leaves its group only
     * when the group's session timeout notices, and the others then take over its partitions.
     *
     * @param name     {@link #INGEST}, {@link #ARCHIVE} or {@link #QUERY}
     * @param instance from 1
     */
    public synchronized void kill(String name, int instance) {
        instance(name, instance).kill();
    }

    /**
     * Starts a service that was killed again, on the same port, with the same environment and data, and waits
     * until it is ready.
     *
     * @param name {@link #INGEST}, {@link #ARCHIVE} or {@link #QUERY}
     * @return the new process
     * @throws IllegalStateException when the service is still running or does not become ready
     */
    public ServiceProcess restart(String name) {
        return restart(name, 1);
    }

    /**
     * Starts one instance of a service again, as {@link #restart(String)}; its consumer joins the group again and
     * is given a share of the partitions.
     *
     * @param name     {@link #INGEST}, {@link #ARCHIVE} or {@link #QUERY}
     * @param instance from 1
     */
    public ServiceProcess restart(String name, int instance) {
        ServiceProcess restarted;
        synchronized (this) {
            if (stopped) {
                throw new IllegalStateException("the stack is stopped");
            }
            restarted = instance(name, instance).restart();
            switch (name) {
                case ARCHIVE -> archives.set(instance - 1, restarted);
                case QUERY -> queries.set(instance - 1, restarted);
                default -> ingests.set(instance - 1, restarted);
            }
        }
        // outside the lock: instances restarted from several threads boot side by side
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

    private List<ServiceProcess> instances(String name) {
        return switch (name) {
            case ARCHIVE -> archives;
            case QUERY -> queries;
            case INGEST -> ingests;
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
            // then all their instances side by side, each waiting for its own graceful end
            ingests.forEach(ServiceProcess::close);
            List<Thread> stops = new ArrayList<>();
            for (ServiceProcess instance : services()) {
                if (!ingests.contains(instance)) {
                    Thread stop = new Thread(instance::close, "stop-" + instance.name());
                    stop.start();
                    stops.add(stop);
                }
            }
            for (Thread stop : stops) {
                stop.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            services().forEach(ServiceProcess::kill);
        } finally {
            devStack.close();
        }
    }

    private static Map<String, String> with(Map<String, String> environment, Map<String, String> added) {
        Map<String, String> merged = new LinkedHashMap<>(environment);
        merged.putAll(added);
        return merged;
    }

    /**
     * Instance 1 on {@code firstPort} and named after the module ({@code archive-service}, its log
     * {@code archive-service.log}, as before scale-out); instance k on a free port, named {@code archive-service-k}.
     * Each consumer gets a client id of its own ({@link #consumerClientId}); group and database are the service's.
     */
    private static List<ServiceProcess> startInstances(List<ServiceProcess> started, Options options, String module,
                                                       int firstPort, int instances, Map<String, String> environment,
                                                       Set<Integer> takenPorts) {
        List<ServiceProcess> processes = new ArrayList<>();
        for (int instance = 1; instance <= instances; instance++) {
            Map<String, String> instanceEnvironment = new LinkedHashMap<>(environment);
            instanceEnvironment.put(consumerClientIdVariable(module), consumerClientId(module, instance));
            String name = instance == 1 ? module : module + "-" + instance;
            int port = instance == 1 ? firstPort : freePortOtherThan(takenPorts);
            processes.add(startService(started, options, module, name, port, instanceEnvironment));
        }
        return processes;
    }

    /**
     * The service's own setting for its consumer's {@code client.id} ({@code palimpsest.archive.consumer-client-id},
     * {@code palimpsest.query.consumer-client-id}). Not the channel's {@code MP_MESSAGING_INCOMING_…_CLIENT_ID}:
     * from that name SmallRye cannot tell where the channel's name ({@code revisions-submitted}) ends.
     */
    private static String consumerClientIdVariable(String module) {
        return switch (module) {
            case ARCHIVE -> "PALIMPSEST_ARCHIVE_CONSUMER_CLIENT_ID";
            case QUERY -> "PALIMPSEST_QUERY_CONSUMER_CLIENT_ID";
            // ingest's own id, in the import reports it writes (and its status topic clients' ids)
            case INGEST -> "PALIMPSEST_INGEST_INSTANCE_ID";
            default -> throw new IllegalArgumentException(module + " consumes no keyed topic");
        };
    }

    /** Free now and not yet given to another service; added to {@code taken}. */
    private static int freePortOtherThan(Set<Integer> taken) {
        while (true) {
            int port = FreePorts.pick();
            if (taken.add(port)) {
                return port;
            }
        }
    }

    private static ServiceProcess startService(List<ServiceProcess> started, Options options, String module,
                                               String name, int port, Map<String, String> environment) {
        ServiceProcess service = ServiceProcess.start(new ServiceProcess.Options(name,
                ServiceProcess.quarkusJar(options.home(), module), port, environment, options.dataDirectory()));
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
