package dev.palimpsest.e2e.faults;

import dev.palimpsest.devstack.DataDirectories;
import dev.palimpsest.devstack.InfrastructureMode;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.e2e.StackClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

/**
 * One fault scenario on a stack of its own (it kills things, so never the shared stack): local Kafka and
 * PostgreSQL, the three services as processes, a {@link ReadinessWatch} on archive and query from the start, and a
 * timeline of what happened when, for the report.
 */
final class FaultRun implements AutoCloseable {

    private final String scenario;
    private final Path dataDirectory;
    private final PalimpsestStack stack;
    private final StackClient client;
    private final long begin;
    private final ReadinessWatch readiness;
    private final List<String> timeline = new ArrayList<>();

    private FaultRun(String scenario, Path dataDirectory, PalimpsestStack stack, long begin) {
        this.scenario = scenario;
        this.dataDirectory = dataDirectory;
        this.stack = stack;
        this.client = new StackClient(stack);
        this.begin = begin;
        this.readiness = new ReadinessWatch(Map.of(PalimpsestStack.ARCHIVE, stack.archiveUrl(),
                PalimpsestStack.QUERY, stack.queryUrl()), this::millis);
    }

    /** Starts a stack of its own, in a fresh data directory, with local infrastructure (PostgreSQL restartable). */
    static FaultRun start(String scenario) {
        return start(scenario, UnaryOperator.identity());
    }

    /**
     * As {@link #start(String)}, with the stack's options changed by {@code shape} (more brokers, partitions,
     * instances); data directory, ports and mode are the run's.
     */
    static FaultRun start(String scenario, UnaryOperator<PalimpsestStack.Options> shape) {
        Path dataDirectory;
        try {
            dataDirectory = Files.createTempDirectory("palimpsest-faults-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long begin = System.nanoTime();
        try {
            PalimpsestStack stack = PalimpsestStack.start(shape.apply(PalimpsestStack.Options.defaults(home())
                    .withKafkaHeap("384m")).withDataDirectory(dataDirectory).withFreePorts()
                    .withMode(InfrastructureMode.LOCAL));
            FaultRun run = new FaultRun(scenario, dataDirectory, stack, System.nanoTime());
            run.note("stack ready (started in " + seconds(System.nanoTime() - begin) + ")");
            return run;
        } catch (RuntimeException e) {
            DataDirectories.deleteQuietly(dataDirectory);
            throw e;
        }
    }

    String scenario() {
        return scenario;
    }

    PalimpsestStack stack() {
        return stack;
    }

    StackClient client() {
        return client;
    }

    ReadinessWatch readiness() {
        return readiness;
    }

    List<String> timeline() {
        return List.copyOf(timeline);
    }

    /** Milliseconds since the stack was ready. */
    long millis() {
        return (System.nanoTime() - begin) / 1_000_000;
    }

    /** Adds a line to the timeline, stamped with the time into the run. */
    void note(String what) {
        String line = String.format("%7.1f s  %s", millis() / 1000.0, what);
        timeline.add(line);
        System.out.println("[" + scenario + "] " + line);
    }

    /** Streams the export into {@code POST /imports}; the import's id. */
    String startImport(FaultInput input) throws Exception {
        String importId = client.startImport(input.export(), null);
        note("import " + importId + " accepted: " + input.totalRevisions() + " revisions of "
                + input.expected().size() + " articles");
        return importId;
    }

    /** What ingest says of the import now: its state and how many revisions it has published so far. */
    String importProgress(String importId) throws Exception {
        var report = client.ingest().imports().getImport(importId);
        return "ingest " + report.getState() + ", " + report.getPublished() + " published";
    }

    /** Revisions of the input's articles archive-service holds now. */
    long archived(FaultInput input) {
        return sum(input, key -> {
            try {
                return client.archivedRevisionCount(key);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Revisions of the input's articles the read model holds now. */
    long inReadModel(FaultInput input) {
        return sum(input, key -> {
            try {
                return client.revisionCount(key);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static long sum(FaultInput input, ToLongFunction<String> count) {
        return input.expected().keySet().stream().mapToLong(count).sum();
    }

    /** Polls {@code count} until it reaches {@code atLeast}; what it was then. */
    long awaitAtLeast(String what, java.util.function.LongSupplier count, long atLeast, Duration patience) {
        long reached = StackClient.promptly(patience).pollInterval(Duration.ofMillis(250))
                .until(count::getAsLong, n -> n >= atLeast);
        note(what + ": " + reached + " (waited for ≥ " + atLeast + ")");
        return reached;
    }

    /** Waits until archive and read model hold every revision of the input (counts only; {@link #check} proves). */
    void awaitComplete(FaultInput input, Duration patience) {
        long total = input.totalRevisions();
        StackClient.promptly(patience).pollInterval(Duration.ofMillis(500))
                .until(() -> archived(input) >= total && inReadModel(input) >= total);
        note("complete: " + total + " revisions archived and in the read model");
    }

    /** Waits until the watch saw {@code service} answer {@code state} last. */
    void awaitReadiness(String service, String state, Duration patience) {
        StackClient.promptly(patience).until(() -> state.equals(readiness.state(service)));
        note(service + " readiness " + state);
    }

    /**
     * Exactly once, per article ({@link ExactlyOnce#check}).
     *
     * @return one line per article, for the report
     */
    List<String> check(FaultInput input) throws Exception {
        return ExactlyOnce.check(stack, client, input.expected());
    }

    static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }

    /**
     * How many times each service logged a retried transient failure ({@code TransientFailureRetry}: "failed
     * (attempt n), retrying"), from its log; shows whether the outage was waited out in place.
     */
    Map<String, Long> retriesLogged() {
        Map<String, Long> retries = new java.util.LinkedHashMap<>();
        for (String service : List.of(PalimpsestStack.ARCHIVE, PalimpsestStack.QUERY)) {
            Path log = dataDirectory.resolve("logs").resolve(service + ".log");
            try (var lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                retries.put(service, lines.filter(line -> line.contains("), retrying in ")).count());
            } catch (IOException e) {
                retries.put(service, -1L);
            }
        }
        return retries;
    }

    /** Stops the stack, keeps the services' logs under {@code target/fault-runs-logs/}, deletes the data. */
    @Override
    public void close() {
        readiness.close();
        try {
            stack.close();
        } finally {
            keepLogs();
            DataDirectories.deleteQuietly(dataDirectory);
        }
    }

    private void keepLogs() {
        Path kept = Path.of("target", "fault-runs-logs", scenario.replaceAll("[^A-Za-z0-9]+", "-"));
        try (var logs = Files.list(dataDirectory.resolve("logs"))) {
            Files.createDirectories(kept);
            for (Path log : logs.toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.out.println("[" + scenario + "] could not keep the logs: " + e);
        }
    }

    /** The repository root: where the services' jars are. */
    static Path home() {
        return Path.of(System.getProperty("palimpsest.home", "..")).toAbsolutePath().normalize();
    }
}
