package dev.palimpsest.e2e.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palimpsest.client.ingest.model.ImportReport;
import dev.palimpsest.client.ingest.model.ImportState;
import dev.palimpsest.client.query.model.RevisionSummary;
import dev.palimpsest.devstack.DataDirectories;
import dev.palimpsest.devstack.DevStack;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.e2e.StackClient;
import dev.palimpsest.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #5's drill: the whole stack on a three-broker KRaft cluster (replication factor 3,
 * {@code min.insync.replicas=2}); one broker is killed ({@code kill -9}, its own pid) while ingest publishes an
 * import, the import completes anyway, the broker comes back, and nothing is lost or duplicated: every article holds
 * exactly its revisions (the count and the sha1 of every text over the query API), with no gap in {@code revSeq},
 * and the archive verifies its hash chain.
 *
 * <p>A stack of its own (not the shared one): three brokers, and a broker it may kill. The short form imports 3,000
 * revisions; the long form takes the number from {@code -Dpalimpsest.faults.revisions=20000}.
 */
class BrokerLossDuringImportTest {

    /** Revisions imported; the long form raises it. */
    static final int REVISIONS = Integer.getInteger("palimpsest.faults.revisions", 3000);
    private static final int PAGES = 20;
    /** The killed broker goes down once ingest has published this share of the import. */
    private static final double KILL_AT = 0.25;

    private static Path dataDirectory;
    private static PalimpsestStack stack;
    private static StackClient client;

    @BeforeAll
    static void start() throws Exception {
        dataDirectory = Files.createTempDirectory("palimpsest-faults-");
        stack = PalimpsestStack.start(PalimpsestStack.Options.defaults(home()).withDataDirectory(dataDirectory)
                .withFreePorts().withBrokers(3).withKafkaHeap(DevStack.Options.CLUSTER_KAFKA_HEAP));
        client = new StackClient(stack);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        DataDirectories.deleteQuietly(dataDirectory);
    }

    @Test
    void killingABrokerMidImportLosesAndDuplicatesNothing() throws Exception {
        SyntheticHistory history = SyntheticHistory.write(dataDirectory.resolve("drill.xml"), "faultwiki", PAGES,
                REVISIONS, 5);
        Duration patience = Duration.ofSeconds(180 + REVISIONS / 20);
        long begin = System.nanoTime();
        String importId = client.startImport(history.file(), null);

        // watch the import; the broker dies a quarter of the way through its publishing
        ImportReport beforeKill = StackClient.promptly(patience)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> client.ingest().imports().getImport(importId),
                        report -> report.getState() != ImportState.PUBLISHING
                                || report.getPublished() >= KILL_AT * REVISIONS);
        assertEquals(ImportState.PUBLISHING, beforeKill.getState(),
                "the broker must die while ingest still publishes: " + beforeKill);
        int victim = leaderOfSubmittedPartitionZero();
        long killed = stack.devStack().killKafkaBroker(victim);
        report("broker %d (pid %d) killed at %d of %d published", begin, victim, killed, beforeKill.getPublished(),
                REVISIONS);
        assertTrue(ProcessHandle.of(killed).isEmpty() || !ProcessHandle.of(killed).get().isAlive(),
                "broker " + victim + " (pid " + killed + ") is gone");

        // ingest's producer fails over (acks=all, idempotent retries) and finishes the import
        ImportReport done = client.awaitImport(importId, patience);
        assertEquals(REVISIONS, done.getPublished(), done.toString());
        assertEquals(0L, done.getRejected(), done.toString());
        report("import %s, %d published", begin, done.getState(), done.getPublished());

        // back on its own storage while the archive and the read model still consume; it catches up as follower
        stack.devStack().restartKafkaBroker(victim);
        report("broker %d back", begin, victim);

        for (var article : history.sha1sByKey().entrySet()) {
            String key = article.getKey();
            List<String> expected = article.getValue();
            long count = StackClient.promptly(patience).until(() -> client.revisionCount(key),
                    c -> c >= expected.size());
            assertEquals(expected.size(), count, key + ": no revision twice");

            List<RevisionSummary> rows = client.history(key);
            assertEquals(expected.size(), rows.size(), key);
            List<String> served = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(i + 1, rows.get(i).getRevSeq(), key + ": revSeq without gaps");
                served.add(client.revisionTextSha1(key, rows.get(i).getRevSeq()));
            }
            // the import's arrival order is the export's order within an article (one key, one partition)
            assertEquals(expected, served, key + ": every text, once, in order");

            JsonNode verification = client.archiveVerification(key);
            assertTrue(verification.path("verified").asBoolean(), verification.toString());
            assertEquals(expected.size(), verification.path("revisionCount").asInt(), verification.toString());
        }
        report("all %d articles verified", begin, history.sha1sByKey().size());
    }

    /** A progress line for whoever measures the long form (BENCHMARKS.md); nothing is asserted on time. */
    private static void report(String format, long begin, Object... args) {
        System.out.printf("[faults] %6.1f s  %s%n", (System.nanoTime() - begin) / 1e9, format.formatted(args));
    }

    private static int leaderOfSubmittedPartitionZero() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.devStack().kafkaBootstrapServers()))) {
            return admin.describeTopics(List.of(Topics.REVISIONS_SUBMITTED)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.REVISIONS_SUBMITTED).partitions().get(0).leader().id();
        }
    }

    private static Path home() {
        return Path.of(System.getProperty("palimpsest.home", "..")).toAbsolutePath().normalize();
    }
}
