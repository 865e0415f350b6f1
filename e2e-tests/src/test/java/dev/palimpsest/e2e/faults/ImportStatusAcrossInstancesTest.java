package dev.palimpsest.e2e.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.palimpsest.client.IngestClient;
import dev.palimpsest.client.ingest.model.ImportReport;
import dev.palimpsest.client.ingest.model.ImportState;
import dev.palimpsest.client.query.model.RevisionSummary;
import dev.palimpsest.devstack.DataDirectories;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.e2e.Cli;
import dev.palimpsest.e2e.StackClient;
import dev.palimpsest.events.Roles;
import dev.palimpsest.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;

import static dev.palimpsest.e2e.StackClient.promptly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #13's third point on the real stack: two ingest-service instances (as deploy/ runs two replicas, with no
 * session affinity), each answering for every import through the compacted topic {@code palimpsest.imports}.
 * <ul>
 *     <li>An import accepted by instance 1 is known to instance 2 at once (no 404 right after the 202) and is
 *     followed to its end there, through the generated client; and {@code ./palimpsest import}, behind a balancer
 *     that sends each request to the next instance, follows its import to the end.</li>
 *     <li>An import whose instance is killed ({@code kill -9}) mid-import does not vanish and does not stay
 *     PUBLISHING: instance 2 answers INTERRUPTED, with when it was last seen and how far it got; the instance,
 *     restarted with its id, writes the interruption down itself; and importing the same file again stores every
 *     revision exactly once (the archive answers every submission of both imports, the repeats as duplicates; each
 *     article holds its revisions 1…n in the export's order, its hash chain verifying).</li>
 * </ul>
 * Reports are written every {@value #INTERVAL} here and a silence of {@value #STALE_AFTER} counts as interrupted
 * (1 s and 15 s by default), so the drill takes seconds.
 */
class ImportStatusAcrossInstancesTest {

    private static final String INTERVAL = "500ms";
    private static final String STALE_AFTER = "3s";
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private static Path dataDirectory;
    private static PalimpsestStack stack;
    private static Path tokenFile;
    private static Balancer balancer;

    @BeforeAll
    static void start() throws Exception {
        dataDirectory = Files.createTempDirectory("palimpsest-import-status-");
        stack = PalimpsestStack.start(PalimpsestStack.Options.defaults(home()).withDataDirectory(dataDirectory)
                        .withFreePorts().withIngestInstances(2), PalimpsestStack.Progress.SILENT,
                Map.of("PALIMPSEST_INGEST_IMPORT_STATUS_INTERVAL", INTERVAL,
                        "PALIMPSEST_INGEST_IMPORT_STATUS_STALE_AFTER", STALE_AFTER));
        tokenFile = Files.writeString(dataDirectory.resolve("token"), writerToken() + "\n");
        balancer = new Balancer(stack);
    }

    @AfterAll
    static void stop() {
        if (balancer != null) {
            balancer.close();
        }
        if (stack != null) {
            stack.close();
        }
        DataDirectories.deleteQuietly(dataDirectory);
    }

    @Test
    void anImportAcceptedByOneInstanceIsFollowedToItsEndThroughTheOther() throws Exception {
        SyntheticHistory history = SyntheticHistory.write(dataDirectory.resolve("followed.xml"), "followwiki", 4,
                400, 11);
        IngestClient first = ingest(1);
        IngestClient second = ingest(2);

        String importId = first.startImport(history.file(), null, null).getData().getImportId();
        // at once, without waiting: the 202 came after the report was in the topic, and instance 2 reads on to
        // the topic's end before it would say 404
        ImportReport seen = second.imports().getImport(importId);
        assertEquals(importId, seen.getImportId());
        assertEquals(PalimpsestStack.consumerClientId(PalimpsestStack.INGEST, 1), seen.getInstanceId());

        ImportReport done = promptly(PATIENCE).until(() -> second.imports().getImport(importId),
                report -> report.getState() != ImportState.PUBLISHING);
        assertEquals(ImportState.COMPLETED, done.getState(), done.toString());
        assertEquals(history.revisions(), done.getPublished(), done.toString());
        assertTrue(second.imports().listImports(200).stream().anyMatch(r -> r.getImportId().equals(importId)),
                "instance 2 lists instance 1's import");
    }

    @Test
    void theCliFollowsItsImportThroughABalancerThatSendsEachRequestToTheNextInstance() throws Exception {
        SyntheticHistory history = SyntheticHistory.write(dataDirectory.resolve("balanced.xml"), "balancedwiki", 3,
                300, 12);
        int[] before = balancer.requests();

        Cli.Run run = cli("import", history.file().toString(), "--url", balancer.url().toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("completed: " + history.revisions() + " published, 0 rejected"), run.out());
        int[] after = balancer.requests();
        assertTrue(after[0] > before[0] && after[1] > before[1],
                "the upload and the polls went to both instances: " + List.of(after[0] - before[0],
                        after[1] - before[1]));
    }

    @Test
    void anImportWhoseInstanceIsKilledIsInterruptedTruthfullyAndImportingItAgainStoresEachRevisionOnce()
            throws Exception {
        SyntheticHistory history = SyntheticHistory.write(dataDirectory.resolve("killed.xml"), "killedwiki", 10,
                4000, 13);
        IngestClient second = ingest(2);
        String importId = ingest(1).startImport(history.file(), null, null).getData().getImportId();

        // instance 1 dies once instance 2 has seen it report progress (a heartbeat with revisions published)
        ImportReport beforeKill = promptly(PATIENCE).pollInterval(Duration.ofMillis(20))
                .until(() -> second.imports().getImport(importId),
                        report -> report.getState() != ImportState.PUBLISHING || report.getPublished() > 0);
        assertEquals(ImportState.PUBLISHING, beforeKill.getState(),
                "instance 1 must die while it still publishes: " + beforeKill);
        stack.kill(PalimpsestStack.INGEST, 1);

        // not PUBLISHING forever, not 404: interrupted, with the last report's time and counters
        ImportReport interrupted = promptly(PATIENCE).until(() -> second.imports().getImport(importId),
                report -> report.getState() != ImportState.PUBLISHING);
        assertEquals(ImportState.INTERRUPTED, interrupted.getState(), interrupted.toString());
        assertNull(interrupted.getFinishedAt(), "nobody saw it finish: " + interrupted);
        assertTrue(interrupted.getPublished() > 0 && interrupted.getPublished() < history.revisions(),
                interrupted.toString());
        assertTrue(interrupted.getPublished() >= beforeKill.getPublished(), interrupted.toString());
        String ingest1 = PalimpsestStack.consumerClientId(PalimpsestStack.INGEST, 1);
        assertTrue(interrupted.getError().contains("ingest instance " + ingest1 + " stopped reporting on it"),
                interrupted.getError());
        assertTrue(interrupted.getError().contains("last reported at "), interrupted.getError());
        assertTrue(interrupted.getError().contains("with at least " + interrupted.getPublished() + " of "
                + history.revisions() + " revisions published"), interrupted.getError());
        assertTrue(interrupted.getUpdatedAt() != null, interrupted.toString());

        // back with the same instance id, instance 1 writes the interruption down for good (and answers it too)
        stack.restart(PalimpsestStack.INGEST, 1);
        IngestClient first = ingest(1);
        ImportReport recorded = promptly(PATIENCE).until(() -> second.imports().getImport(importId),
                report -> report.getError() != null && report.getError().contains("restarted while publishing it"));
        assertEquals(ImportState.INTERRUPTED, recorded.getState(), recorded.toString());
        assertEquals(interrupted.getPublished(), recorded.getPublished(), recorded.toString());
        assertEquals(ImportState.INTERRUPTED, first.imports().getImport(importId).getState());

        // what it published stays and is archived; the same file again publishes the rest, and nothing twice
        Cli.Run again = cli("import", history.file().toString(), "--url", balancer.url().toString());
        assertEquals(0, again.exit(), again.err());
        Map<String, Long> submitted = submittedPerArticle(history.sha1sByKey().keySet());
        long submissions = submitted.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(submissions >= history.revisions() + interrupted.getPublished(),
                "the interrupted import's revisions were in the log, and were sent again: " + submissions);
        StackClient client = new StackClient(stack);
        // once the archive has answered every submission of both imports, each revision is stored once
        promptly(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (var article : submitted.entrySet()) {
                if (client.archivedRevisionCount(article.getKey()) == 0) {
                    return false; // an article the second import alone published may not be archived yet (404)
                }
                if (client.archiveStatus(article.getKey()).path("submissionCount").asLong() < article.getValue()
                        || client.revisionCount(article.getKey()) < history.sha1sByKey().get(article.getKey()).size()) {
                    return false;
                }
            }
            return true;
        });
        for (var article : history.sha1sByKey().entrySet()) {
            String key = article.getKey();
            List<String> expected = article.getValue();
            assertEquals(submitted.get(key), client.archiveStatus(key).path("submissionCount").asLong(), key);
            assertEquals(expected.size(), client.archiveStatus(key).path("revisionCount").asLong(),
                    key + ": each revision stored once");
            List<RevisionSummary> rows = client.history(key);
            assertEquals(IntStream.rangeClosed(1, expected.size()).boxed().toList(),
                    rows.stream().map(RevisionSummary::getRevSeq).toList(), key + ": revSeq 1…n, no gap, no repeat");
            // one article, one partition: the export's order, whichever import published a revision
            assertEquals(expected, rows.stream().map(RevisionSummary::getRevSha1).toList(), key);
            assertTrue(client.archiveVerification(key).path("verified").asBoolean(), key + ": hash chain");
        }
    }

    /** How many submissions of each article {@code palimpsest.revisions.submitted} holds, read to its end. */
    private static Map<String, Long> submittedPerArticle(Set<String> keys) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        keys.forEach(key -> counts.put(key, 0L));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.devStack().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REVISIONS_SUBMITTED).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    counts.computeIfPresent(record.key(), (key, count) -> count + 1);
                }
            }
        }
        return counts;
    }

    private static IngestClient ingest(int instance) {
        return new IngestClient(stack.instance(PalimpsestStack.INGEST, instance).url(), writerToken());
    }

    private static String writerToken() {
        return stack.devStack().issuer().mint("e2e-writer", Set.of(Roles.WRITER), Duration.ofHours(6));
    }

    /** A CLI command with this test's writer token. */
    private static Cli.Run cli(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--token-file", tokenFile.toString()));
        return Cli.execute(all.toArray(String[]::new));
    }

    private static Path home() {
        return Path.of(System.getProperty("palimpsest.home", "..")).toAbsolutePath().normalize();
    }

    /**
     * A load balancer without session affinity, as a Kubernetes Service in front of the ingest replicas: each
     * request goes to the next ingest instance in turn, whatever the one before went to.
     */
    private static final class Balancer implements AutoCloseable {

        private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
                "upgrade", "transfer-encoding", "keep-alive");

        private final PalimpsestStack stack;
        private final HttpServer server;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicIntegerArray requests = new AtomicIntegerArray(2);
        private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(4);

        Balancer(PalimpsestStack stack) throws IOException {
            this.stack = stack;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::forward);
            server.setExecutor(workers);
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        /** Requests sent to instance 1 and instance 2 so far. */
        int[] requests() {
            return new int[]{requests.get(0), requests.get(1)};
        }

        private void forward(HttpExchange exchange) throws IOException {
            int instance = Math.floorMod(next.getAndIncrement(), 2);
            requests.incrementAndGet(instance);
            URI target = stack.instance(PalimpsestStack.INGEST, instance + 1).url()
                    .resolve(exchange.getRequestURI().toString());
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(2));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            InputStream body = exchange.getRequestBody();
            request.method(exchange.getRequestMethod(), exchange.getRequestMethod().equals("GET")
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofInputStream(() -> body));
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                response.headers().map().forEach((name, values) -> {
                    if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))
                            && !name.startsWith(":")) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
                byte[] bytes = response.body();
                exchange.sendResponseHeaders(response.statusCode(), bytes.length == 0 ? -1 : bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
            } finally {
                exchange.close();
            }
        }

        @Override
        public void close() {
            server.stop(0);
            workers.shutdownNow();
        }
    }
}
