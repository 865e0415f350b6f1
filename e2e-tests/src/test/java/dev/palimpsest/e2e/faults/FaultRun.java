package dev.palimpsest.e2e.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palimpsest.client.query.model.RevisionSummary;
import dev.palimpsest.devstack.DataDirectories;
import dev.palimpsest.devstack.Infrastructure;
import dev.palimpsest.devstack.InfrastructureMode;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.e2e.StackClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        Path dataDirectory;
        try {
            dataDirectory = Files.createTempDirectory("palimpsest-faults-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long begin = System.nanoTime();
        try {
            PalimpsestStack stack = PalimpsestStack.start(PalimpsestStack.Options.defaults(home())
                    .withDataDirectory(dataDirectory).withFreePorts().withMode(InfrastructureMode.LOCAL)
                    .withKafkaHeap("384m"));
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
     * Exactly once, per article: the archive's rows (read from its database) and the read model's history each
     * hold as many revisions as the input, numbered 1…n without gap or repeat, with the input's multiset of text
     * sha1s; archive's own counts of revisions and answered submissions equal n; the hash chain verifies over n
     * records.
     *
     * @return one line per article, for the report
     */
    List<String> check(FaultInput input) throws Exception {
        List<String> lines = new ArrayList<>();
        Infrastructure infrastructure = stack.devStack().infrastructure();
        try (Connection archiveDb = DriverManager.getConnection(infrastructure.jdbcUrl("archive"),
                infrastructure.databaseUser(), infrastructure.databasePassword())) {
            for (var article : input.expected().entrySet()) {
                String key = article.getKey();
                List<String> expected = article.getValue();
                int n = expected.size();

                List<Integer> archiveSeqs = new ArrayList<>();
                List<String> archiveSha1s = new ArrayList<>();
                try (PreparedStatement rows = archiveDb.prepareStatement(
                        "SELECT rev_seq, rev_sha1 FROM revision WHERE article_key = ? ORDER BY rev_seq, id")) {
                    rows.setString(1, key);
                    try (ResultSet row = rows.executeQuery()) {
                        while (row.next()) {
                            archiveSeqs.add(row.getInt(1));
                            archiveSha1s.add(row.getString(2));
                        }
                    }
                }
                assertEquals(oneTo(n), archiveSeqs, key + ": archive rev_seq must be 1…" + n + ", no gap, no repeat");
                assertEquals(sorted(expected), sorted(archiveSha1s), key + ": archive sha1 multiset");

                JsonNode status = client.archiveStatus(key);
                assertEquals(n, status.path("revisionCount").asLong(), key + ": archive revisionCount");
                assertEquals(n, status.path("submissionCount").asLong(), key + ": archive submissions answered");

                List<RevisionSummary> history = client.history(key);
                assertEquals(oneTo(n), history.stream().map(RevisionSummary::getRevSeq).toList(),
                        key + ": read model revSeq must be 1…" + n + ", no gap, no repeat");
                assertEquals(sorted(expected), sorted(history.stream().map(RevisionSummary::getRevSha1).toList()),
                        key + ": read model sha1 multiset");
                assertEquals(n, client.revisionCount(key), key + ": read model revisionCount");

                JsonNode chain = client.archiveVerification(key);
                assertTrue(chain.path("verified").asBoolean(), key + ": hash chain " + chain);
                assertEquals(n, chain.path("recordsChecked").asLong(), key + ": records in the chain");

                lines.add(String.format("%-12s input %5d | archive %5d rows, rev_seq 1…%d, sha1 multiset equal,"
                                + " %d submissions | read model %5d, rev_seq 1…%d, sha1 multiset equal | chain"
                                + " verified over %d records", key, n, archiveSeqs.size(), n,
                        status.path("submissionCount").asLong(), history.size(), n,
                        chain.path("recordsChecked").asLong()));
            }
        }
        return lines;
    }

    private static List<Integer> oneTo(int n) {
        List<Integer> seqs = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            seqs.add(i);
        }
        return seqs;
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
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
