package dev.palimpsest.e2e.faults;

import dev.palimpsest.bench.MachineDescription;
import dev.palimpsest.devstack.DataDirectories;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.devstack.launcher.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault runs: an import of a synthetic export (several articles, so several partitions) is under way when a
 * service is killed with {@code kill -9}, or PostgreSQL is stopped; the fault is chosen by observed progress (at
 * least a third archived, or in the read model), never by a blind sleep. After recovery every revision must be
 * there exactly once, in the archive and in the read model, and the hash chains must verify ({@link FaultRun#check}).
 *
 * <p>Short form, in the normal build: {@value #DEFAULT_REVISIONS} revisions. Long form, one command (see docs/guarantees.md,
 * "Fault runs"): {@code -Dpalimpsest.faults.revisions=20000}. Each scenario writes what happened (times, counts,
 * readiness transitions) to standard output and to {@code target/fault-runs-report.txt}. Times are reported, never
 * asserted.
 */
class FaultRunsTest {

    static final int DEFAULT_REVISIONS = 960;
    /** How long PostgreSQL stays away once both services have reported it: several retry backoffs. */
    static final Duration POSTGRES_OUTAGE = Duration.ofSeconds(Integer.getInteger("palimpsest.faults.postgres-outage",
            10));

    private static Path inputDirectory;
    private static FaultInput input;
    private static Duration patience;

    @BeforeAll
    static void generateInput() throws Exception {
        int revisions = Integer.getInteger("palimpsest.faults.revisions", DEFAULT_REVISIONS);
        inputDirectory = Files.createTempDirectory("palimpsest-fault-input-");
        input = FaultInput.generate(inputDirectory, revisions);
        // generous: two cores, three services, a broker and PostgreSQL, and a restart in the middle
        patience = Duration.ofSeconds(240 + input.totalRevisions() / 20);
        report("== fault runs, " + Instant.now() + ": " + input.totalRevisions() + " revisions of "
                + input.expected().size() + " articles (" + input.shape() + "), PostgreSQL outage "
                + POSTGRES_OUTAGE.toSeconds() + " s\n"
                + "machine: " + MachineDescription.of(inputDirectory));
    }

    @AfterAll
    static void deleteInput() {
        DataDirectories.deleteQuietly(inputDirectory);
    }

    @Test
    void archiveKilledMidImportArchivesEveryRevisionExactlyOnce() throws Exception {
        try (FaultRun run = FaultRun.start("kill -9 archive-service")) {
            String importId = run.startImport(input);
            long third = input.totalRevisions() / 3;
            run.awaitAtLeast("archived before the kill", () -> run.archived(input), third, patience);
            ServiceProcess victim = run.stack().archive();
            run.stack().kill(PalimpsestStack.ARCHIVE);
            run.note("killed " + victim + " with SIGKILL; " + run.importProgress(importId));
            long restarting = System.nanoTime();
            ServiceProcess restarted = run.stack().restart(PalimpsestStack.ARCHIVE);
            run.note("restarted as pid " + restarted.pid() + ", ready after "
                    + FaultRun.seconds(System.nanoTime() - restarting) + "; archived: " + run.archived(input));
            run.client().awaitImport(importId, patience);
            run.note("import published everything");
            run.awaitComplete(input, patience);
            finish(run);
        }
    }

    @Test
    void queryKilledMidStreamCatchesUpWithNoGapAndNoDuplicate() throws Exception {
        try (FaultRun run = FaultRun.start("kill -9 query-service")) {
            String importId = run.startImport(input);
            long third = input.totalRevisions() / 3;
            run.awaitAtLeast("in the read model before the kill", () -> run.inReadModel(input), third, patience);
            ServiceProcess victim = run.stack().query();
            run.stack().kill(PalimpsestStack.QUERY);
            run.note("killed " + victim + " with SIGKILL; archived so far: " + run.archived(input) + "; "
                    + run.importProgress(importId));
            long restarting = System.nanoTime();
            ServiceProcess restarted = run.stack().restart(PalimpsestStack.QUERY);
            run.note("restarted as pid " + restarted.pid() + ", ready after "
                    + FaultRun.seconds(System.nanoTime() - restarting) + "; in the read model: "
                    + run.inReadModel(input));
            run.client().awaitImport(importId, patience);
            run.note("import published everything");
            run.awaitComplete(input, patience);
            finish(run);
        }
    }

    @Test
    void postgresRestartedMidImportServicesRecoverUnattendedAndLoseNothing() throws Exception {
        try (FaultRun run = FaultRun.start("restart PostgreSQL")) {
            String importId = run.startImport(input);
            long third = input.totalRevisions() / 3;
            run.awaitAtLeast("archived before the stop", () -> run.archived(input), third, patience);
            List<ServiceProcess> services = run.stack().services();
            long stoppedAt = run.millis();
            run.stack().stopPostgres();
            run.note("PostgreSQL stopped (fast shutdown); " + run.importProgress(importId));
            // held down until both services say so (the DOWN is observed, not assumed), then for the outage
            run.awaitReadiness(PalimpsestStack.ARCHIVE, ReadinessWatch.DOWN, Duration.ofMinutes(2));
            run.awaitReadiness(PalimpsestStack.QUERY, ReadinessWatch.DOWN, Duration.ofMinutes(2));
            Thread.sleep(POSTGRES_OUTAGE.toMillis()); // the outage itself, not a wait for anything
            long startedAt = run.millis();
            run.stack().startPostgres();
            run.note("PostgreSQL started again on the same port and data directory");
            run.awaitReadiness(PalimpsestStack.ARCHIVE, ReadinessWatch.UP, Duration.ofMinutes(2));
            run.awaitReadiness(PalimpsestStack.QUERY, ReadinessWatch.UP, Duration.ofMinutes(2));
            run.client().awaitImport(importId, patience);
            run.note("import published everything");
            run.awaitComplete(input, patience);
            for (String service : List.of(PalimpsestStack.ARCHIVE, PalimpsestStack.QUERY)) {
                List<String> states = run.readiness().statesSince(service, stoppedAt);
                assertTrue(states.indexOf(ReadinessWatch.DOWN) >= 0
                                && states.lastIndexOf(ReadinessWatch.UP) > states.indexOf(ReadinessWatch.DOWN),
                        service + " readiness must go DOWN, then UP: " + states);
                assertEquals(ReadinessWatch.UP, run.readiness().state(service), service + " must end UP");
            }
            // unattended: the very processes that saw PostgreSQL go are the ones that finished the import
            assertEquals(services, run.stack().services(), "no service was restarted");
            assertTrue(services.stream().allMatch(ServiceProcess::isAlive), "every service survived: " + services);
            run.note("PostgreSQL was away " + FaultRun.seconds((startedAt - stoppedAt) * 1_000_000L)
                    + "; transient failures retried in place: " + run.retriesLogged());
            finish(run);
        }
    }

    /** Proves exactly once, then writes the scenario's report. */
    private static void finish(FaultRun run) throws Exception {
        List<String> articles = run.check(input);
        run.note("checked: every revision exactly once, chains verified");
        List<String> lines = new ArrayList<>();
        lines.add("-- " + run.scenario() + " (" + input.totalRevisions() + " revisions)");
        lines.add("timeline:");
        run.timeline().forEach(line -> lines.add("  " + line));
        lines.add("readiness transitions:");
        run.readiness().transitions().forEach(transition -> lines.add("  " + transition));
        lines.add("per article:");
        articles.forEach(line -> lines.add("  " + line));
        report(String.join("\n", lines));
    }

    private static void report(String text) throws IOException {
        System.out.println(text);
        Path file = Path.of(System.getProperty("palimpsest.faults.report", "target/fault-runs-report.txt"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
