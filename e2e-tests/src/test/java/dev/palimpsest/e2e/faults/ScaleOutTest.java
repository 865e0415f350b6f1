package dev.palimpsest.e2e.faults;

import dev.palimpsest.bench.DumpShape;
import dev.palimpsest.bench.MachineDescription;
import dev.palimpsest.bench.SyntheticDump;
import dev.palimpsest.client.query.model.RevisionSummary;
import dev.palimpsest.devstack.DataDirectories;
import dev.palimpsest.devstack.DevStack;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.devstack.launcher.ServiceProcess;
import dev.palimpsest.e2e.Exports;
import dev.palimpsest.e2e.StackClient;
import dev.palimpsest.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scale-out on one machine, the shape of a Kubernetes deployment: a three-broker KRaft cluster, the keyed topics on
 * {@value #PARTITIONS} partitions, two archive-service and two query-service instances (each a JVM of its own; the
 * archive instances share consumer group {@code palimpsest-archive} and the archive database, the query instances
 * {@code palimpsest-query} and the read model). Real page histories are imported (the Afar Wikipedia's full dump:
 * 507 articles, so every partition gets work; and the Rio Grande history); a quarter of the way archive instance 2
 * and query instance 2 are killed ({@code kill -9}); both come back later. Shown on the real cluster:
 * <ul>
 *     <li>partitions rebalanced: with the admin client, each group's members and their assignments, polled until
 *     stable: before the kill two members share the six partitions (each holds some, none twice), after it the
 *     survivor holds all six, after the restart two members share them again;</li>
 *     <li>every revision archived exactly once ({@link ExactlyOnce#check}: per article 1…n without gap or repeat,
 *     the export's multiset of text sha1s, the archive's counts, the hash chain verified);</li>
 *     <li>both query instances answer alike: every article's history is the same from either, and every revision's
 *     text, fetched from each, has the sha1 the archive's database holds for that revision.</li>
 * </ul>
 *
 * <p>Short form, in the normal build: the two real histories (1,554 revisions). Long form:
 * {@code -Dpalimpsest.scaleout.revisions=20000} (or the fault runs' {@code palimpsest.faults.revisions}, which
 * {@code ./palimpsest faults} sets) adds a synthetic export (24 articles) up to that many revisions in all.
 * What happened when is written to standard output and {@code target/scale-out-report.txt}; times are reported,
 * never asserted.
 */
class ScaleOutTest {

    static final int PARTITIONS = 6;
    static final int INSTANCES = 2;
    static final String ARCHIVE_GROUP = "palimpsest-archive";
    static final String QUERY_GROUP = "palimpsest-query";
    /** Articles of the long form's synthetic top-up: four per partition on average. */
    static final int SYNTHETIC_PAGES = 24;

    /** A real export and the database its article keys are under (the older exports name none). */
    record RealHistory(String file, String database) {
    }

    static final List<RealHistory> REAL_HISTORIES = List.of(
            new RealHistory("aawiki-20260101-pages-meta-history.xml.bz2", "aawiki"),
            new RealHistory("enwiki_Rio_Grande_history_2002-2007.xml", "enwiki"));

    private static Path inputDirectory;
    private static List<Path> exports;
    private static Map<String, List<String>> expected;
    private static long total;
    private static Duration patience;

    @BeforeAll
    static void readInput() throws Exception {
        inputDirectory = Files.createTempDirectory("palimpsest-scale-out-input-");
        exports = new ArrayList<>();
        expected = new LinkedHashMap<>();
        for (RealHistory history : REAL_HISTORIES) {
            Path export = FaultRun.home().resolve("data/wiki").resolve(history.file());
            exports.add(export);
            expected.putAll(Exports.textSha1sByArticle(export, history.database()));
        }
        // ./palimpsest faults sets the fault runs' count, which this run follows unless given one of its own
        int wanted = Integer.getInteger("palimpsest.scaleout.revisions",
                Integer.getInteger("palimpsest.faults.revisions", 0));
        long real = count(expected);
        if (wanted > real) {
            int perPage = (int) Math.max(1, (wanted - real) / SYNTHETIC_PAGES);
            DumpShape shape = new DumpShape(SYNTHETIC_PAGES, perPage, 20261126L, "scaleoutwiki",
                    DumpShape.DEFAULT_TEXT_BYTES);
            Path synthetic = inputDirectory.resolve("scale-out-" + shape.totalRevisions() + ".xml");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(synthetic), 1 << 16)) {
                new SyntheticDump(shape).writeTo(out, false);
            }
            exports.add(synthetic);
            expected.putAll(Exports.textSha1sByArticle(synthetic, null));
        }
        total = count(expected);
        // generous: two cores for three brokers, PostgreSQL, five service JVMs, and two instances restarted
        patience = Duration.ofSeconds(300 + total / 20);
        report("== scale-out, " + Instant.now() + ": " + total + " revisions of " + expected.size() + " articles ("
                + exports.stream().map(path -> path.getFileName().toString()).collect(Collectors.joining(", "))
                + "); 3 brokers, " + PARTITIONS + " partitions, " + INSTANCES + " archive + " + INSTANCES
                + " query instances\nmachine: " + MachineDescription.of(inputDirectory));
    }

    @AfterAll
    static void deleteInput() {
        DataDirectories.deleteQuietly(inputDirectory);
    }

    @Test
    void instancesShareThePartitionsTakeOverFromAKilledOneAndArchiveEveryRevisionOnce() throws Exception {
        try (FaultRun run = FaultRun.start("scale-out", options -> options.withBrokers(3)
                .withKafkaHeap(DevStack.Options.CLUSTER_KAFKA_HEAP).withPartitions(PARTITIONS)
                .withArchiveInstances(INSTANCES).withQueryInstances(INSTANCES));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     run.stack().devStack().kafkaBootstrapServers()));
             Connection archiveDb = ExactlyOnce.connect(run.stack(), "archive");
             Connection queryDb = ExactlyOnce.connect(run.stack(), "query")) {
            PalimpsestStack stack = run.stack();
            assertEquals(PARTITIONS, stack.devStack().partitions());
            assertEquals(INSTANCES, stack.archives().size());
            assertEquals(INSTANCES, stack.queries().size());
            Groups groups = new Groups(admin, run);

            // before anything is imported, each group has both its instances, each with a share
            groups.await(ARCHIVE_GROUP, Topics.REVISIONS_SUBMITTED, sharedBy(1, 2));
            groups.await(QUERY_GROUP, Topics.REVISIONS_ARCHIVED, sharedBy(1, 2));

            List<String> importIds = new ArrayList<>();
            for (Path export : exports) {
                importIds.add(run.client().startImport(export, null));
            }
            run.note("imports accepted: " + importIds);

            // a quarter of the way, archive instance 2 and query instance 2 die
            run.awaitAtLeast("archived", () -> rows(archiveDb), total / 4, patience);
            ServiceProcess archive2 = stack.instance(PalimpsestStack.ARCHIVE, 2);
            ServiceProcess query2 = stack.instance(PalimpsestStack.QUERY, 2);
            stack.kill(PalimpsestStack.ARCHIVE, 2);
            stack.kill(PalimpsestStack.QUERY, 2);
            long archivedAtKill = rows(archiveDb);
            long readAtKill = rows(queryDb);
            run.note("killed " + archive2 + " and " + query2 + " with SIGKILL; " + archivedAtKill + " archived, "
                    + readAtKill + " in the read model");
            assertTrue(archivedAtKill < total, "the archive instance died mid-way: " + archivedAtKill + " of " + total);
            assertTrue(readAtKill < total, "the query instance died mid-way: " + readAtKill + " of " + total);
            // once the group's session timeout has passed without a heartbeat, the survivor is given everything
            groups.await(ARCHIVE_GROUP, Topics.REVISIONS_SUBMITTED, heldBy(1));
            groups.await(QUERY_GROUP, Topics.REVISIONS_ARCHIVED, heldBy(1));
            run.note(rows(archiveDb) + " archived, " + rows(queryDb) + " in the read model");

            // both come back, as a supervisor would bring them (side by side), and get their share again
            long restarting = System.nanoTime();
            List<CompletableFuture<ServiceProcess>> restarts = new ArrayList<>();
            for (String service : List.of(PalimpsestStack.ARCHIVE, PalimpsestStack.QUERY)) {
                CompletableFuture<ServiceProcess> restarted = new CompletableFuture<>();
                new Thread(() -> {
                    try {
                        restarted.complete(stack.restart(service, 2));
                    } catch (Throwable e) {
                        restarted.completeExceptionally(e);
                    }
                }, "restart-" + service + "-2").start();
                restarts.add(restarted);
            }
            for (CompletableFuture<ServiceProcess> restarted : restarts) {
                run.note("restarted " + restarted.join() + ", ready after "
                        + FaultRun.seconds(System.nanoTime() - restarting) + "; " + rows(archiveDb) + " archived, "
                        + rows(queryDb) + " in the read model");
            }
            groups.await(ARCHIVE_GROUP, Topics.REVISIONS_SUBMITTED, sharedBy(1, 2));
            groups.await(QUERY_GROUP, Topics.REVISIONS_ARCHIVED, sharedBy(1, 2));

            for (String importId : importIds) {
                var done = run.client().awaitImport(importId, patience);
                assertEquals(0L, done.getRejected(), done.toString());
            }
            run.note("imports published everything");
            StackClient.promptly(patience).pollInterval(Duration.ofMillis(500))
                    .until(() -> rows(archiveDb) >= total && rows(queryDb) >= total);
            run.note("complete: " + rows(archiveDb) + " archived, " + rows(queryDb) + " in the read model");
            assertEquals(total, rows(archiveDb), "archive rows: no revision twice");
            assertEquals(total, rows(queryDb), "read-model rows: no revision twice");

            List<String> articles = ExactlyOnce.check(stack, run.client(), expected);
            run.note("checked: every revision exactly once, chains verified (" + articles.size() + " articles)");

            long texts = readModelsAgree(stack, run.client());
            run.note("both query instances answer alike: " + expected.size() + " histories, " + texts
                    + " texts, each the archive's");

            List<String> lines = new ArrayList<>();
            lines.add("timeline:");
            run.timeline().forEach(line -> lines.add("  " + line));
            lines.add("consumer groups, as observed:");
            groups.observed().forEach(line -> lines.add("  " + line));
            lines.add("readiness transitions (instance 1 of archive and query):");
            run.readiness().transitions().forEach(transition -> lines.add("  " + transition));
            // one line per article in the input's order; the three largest say enough for the report
            List<String> keys = List.copyOf(expected.keySet());
            lines.add("per article: " + articles.size() + " checked; the three largest:");
            IntStream.range(0, keys.size()).boxed()
                    .sorted((a, b) -> expected.get(keys.get(b)).size() - expected.get(keys.get(a)).size()).limit(3)
                    .forEach(i -> lines.add("  " + articles.get(i)));
            report(String.join("\n", lines));
        }
    }

    /**
     * Every article's history, the same from query instance 1 and 2 (every field of every revision), and every
     * revision's text, fetched from each, with the sha1 the archive's database holds for that sequence number.
     *
     * @return how many texts were compared
     */
    private static long readModelsAgree(PalimpsestStack stack, StackClient client) throws Exception {
        StackClient first = client.readingFrom(stack.instance(PalimpsestStack.QUERY, 1).url());
        StackClient second = client.readingFrom(stack.instance(PalimpsestStack.QUERY, 2).url());
        Map<String, List<ExactlyOnce.ArchivedRow>> archived = ExactlyOnce.archivedRows(stack);
        List<String> counts = ExactlyOnce.perArticle(expected.keySet(), key -> {
            List<RevisionSummary> fromFirst = first.history(key);
            List<RevisionSummary> fromSecond = second.history(key);
            assertEquals(fromFirst, fromSecond, key + ": history from query instance 1 and 2");
            List<ExactlyOnce.ArchivedRow> rows = archived.get(key);
            assertEquals(rows.size(), fromFirst.size(), key);
            for (ExactlyOnce.ArchivedRow row : rows) {
                assertEquals(row.sha1(), first.revisionTextSha1(key, row.revSeq()), key + " #" + row.revSeq()
                        + " from query instance 1");
                assertEquals(row.sha1(), second.revisionTextSha1(key, row.revSeq()), key + " #" + row.revSeq()
                        + " from query instance 2");
            }
            return Integer.toString(rows.size());
        });
        return counts.stream().mapToLong(Long::parseLong).sum();
    }

    /** Rows of the {@code revision} table: archived revisions in the archive, applied ones in the read model. */
    private static long rows(Connection database) {
        try (Statement statement = database.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM revision")) {
            count.next();
            return count.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Who holds which partitions of a group's topic now: partitions by instance number (from the member's client
     * id, {@link PalimpsestStack#consumerClientId}; 0 for a member no instance of ours explains).
     */
    record Assignment(String group, GroupState state, Map<Integer, Set<Integer>> partitionsByInstance) {

        @Override
        public String toString() {
            return group + " " + state + " " + partitionsByInstance.entrySet().stream()
                    .map(member -> "instance " + member.getKey() + " → partitions " + member.getValue())
                    .collect(Collectors.joining(", "));
        }
    }

    /** Instances {@code instances} of the service are the group's members, each with some of the partitions. */
    private static Predicate<Assignment> sharedBy(Integer... instances) {
        Set<Integer> members = Set.of(instances);
        return assignment -> assignment.state() == GroupState.STABLE
                && assignment.partitionsByInstance().keySet().equals(members)
                && assignment.partitionsByInstance().values().stream().noneMatch(Set::isEmpty)
                && allOnce(assignment);
    }

    /** Instance {@code instance} is the group's one member and holds every partition. */
    private static Predicate<Assignment> heldBy(int instance) {
        return assignment -> assignment.state() == GroupState.STABLE
                && assignment.partitionsByInstance().keySet().equals(Set.of(instance))
                && allOnce(assignment);
    }

    /** Every partition of the topic assigned, none to two members. */
    private static boolean allOnce(Assignment assignment) {
        List<Integer> assigned = assignment.partitionsByInstance().values().stream().flatMap(Set::stream).toList();
        return assigned.size() == PARTITIONS
                && new TreeSet<>(assigned).equals(IntStream.range(0, PARTITIONS).boxed().collect(Collectors.toSet()));
    }

    /** Asks the cluster for a group's members and assignments until they are as expected; keeps what it saw. */
    private static final class Groups {

        private final Admin admin;
        private final FaultRun run;
        private final List<String> observed = new ArrayList<>();

        Groups(Admin admin, FaultRun run) {
            this.admin = admin;
            this.run = run;
        }

        void await(String group, String topic, Predicate<Assignment> expectation) {
            long begin = System.nanoTime();
            Assignment reached = StackClient.promptly(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                    .until(() -> describe(group, topic), expectation);
            String line = reached + " (after " + FaultRun.seconds(System.nanoTime() - begin) + " of asking)";
            observed.add(String.format("%7.1f s  %s", run.millis() / 1000.0, line));
            run.note(line);
        }

        List<String> observed() {
            return List.copyOf(observed);
        }

        private Assignment describe(String group, String topic) throws Exception {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                    .get(group).get(10, TimeUnit.SECONDS);
            String service = group.equals(ARCHIVE_GROUP) ? PalimpsestStack.ARCHIVE : PalimpsestStack.QUERY;
            Map<Integer, Set<Integer>> byInstance = new TreeMap<>();
            for (MemberDescription member : description.members()) {
                Set<Integer> partitions = member.assignment().topicPartitions().stream()
                        .filter(partition -> partition.topic().equals(topic)).map(TopicPartition::partition)
                        .collect(Collectors.toCollection(TreeSet::new));
                Set<Integer> previous = byInstance.put(instanceOf(service, member.clientId()), partitions);
                if (previous != null) {
                    // two members of one instance (the killed process's, not yet expired, beside its successor's):
                    // kept apart under a key no instance has, so no expectation holds while both are listed
                    byInstance.put(-byInstance.size(), previous);
                }
            }
            return new Assignment(group, description.groupState(), byInstance);
        }

        private static int instanceOf(String service, String clientId) {
            for (int instance = 1; instance <= PalimpsestStack.Scale.MAX_INSTANCES; instance++) {
                String id = PalimpsestStack.consumerClientId(service, instance);
                if (clientId.equals(id) || clientId.startsWith(id + "-")) {
                    return instance;
                }
            }
            return 0;
        }
    }

    private static long count(Map<String, List<String>> articles) {
        return articles.values().stream().mapToLong(List::size).sum();
    }

    private static void report(String text) throws IOException {
        System.out.println(text);
        Path file = Path.of(System.getProperty("palimpsest.scaleout.report", "target/scale-out-report.txt"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
