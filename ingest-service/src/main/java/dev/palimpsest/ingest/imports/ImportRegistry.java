package dev.palimpsest.ingest.imports;

import dev.palimpsest.events.ImportStatus;
import dev.palimpsest.ingest.IngestProblem;
import dev.palimpsest.problem.ProblemException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The reports of every import, whichever ingest instance runs it, for status requests. Ingest stores nothing of its
 * own: each instance writes the reports of the imports it runs to {@code palimpsest.imports} (compacted, keyed by
 * import id) and reads all of them back, so any instance answers for any import, and a restarted one too.
 *
 * <p>Guarantees:
 * <ul>
 *     <li>An import's first report is acknowledged by the broker before its 202 is answered, and an instance that
 *     does not know an id waits (at most {@code catch-up-timeout}) until it has read the topic to its end before
 *     answering 404: an id a 202 returned is found on every instance.</li>
 *     <li>While an import publishes, its instance writes its report every {@code interval} (a heartbeat), and at its
 *     end. A {@code PUBLISHING} report older than {@code stale-after} is answered as {@link ImportState#INTERRUPTED},
 *     with when it was last seen and how far it got; so is one whose instance id has restarted since (which then
 *     writes the interruption to the topic itself). An instance shut down mid-import writes the same.</li>
 *     <li>Reports never go back: of two reports of an import the one with the higher sequence wins.</li>
 * </ul>
 */
@ApplicationScoped
public class ImportRegistry {

    private static final Logger LOG = Logger.getLogger(ImportRegistry.class);
    /** This instance's own imports kept with their live counters; older ones are answered from the topic. */
    private static final int KEPT_LOCALLY = 200;

    private final Map<String, ImportProgress> local = new LinkedHashMap<>();
    private final String bootstrapServers;
    private final IngestInstance instance;
    private final Duration interval;
    private final Duration catchUpTimeout;
    private final Duration writeTimeout;
    private final ImportLiveness liveness;
    private final ImportStatusView view;
    private ImportStatusLog log;
    private ScheduledExecutorService heartbeat;
    private volatile boolean writeFailing;

    public ImportRegistry(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                          IngestInstance instance,
                          @ConfigProperty(name = "palimpsest.ingest.import-status.interval") Duration interval,
                          @ConfigProperty(name = "palimpsest.ingest.import-status.stale-after") Duration staleAfter,
                          @ConfigProperty(name = "palimpsest.ingest.import-status.catch-up-timeout")
                          Duration catchUpTimeout,
                          @ConfigProperty(name = "palimpsest.ingest.import-status.kept") int kept,
                          @ConfigProperty(name = "palimpsest.ingest.publish-timeout") Duration writeTimeout) {
        if (staleAfter.compareTo(interval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("palimpsest.ingest.import-status.stale-after (" + staleAfter
                    + ") must be at least twice the interval (" + interval + "), or running imports look interrupted");
        }
        this.bootstrapServers = bootstrapServers;
        this.instance = instance;
        this.interval = interval;
        this.catchUpTimeout = catchUpTimeout;
        this.writeTimeout = writeTimeout;
        this.liveness = new ImportLiveness(instance.id(), staleAfter);
        this.view = new ImportStatusView(kept);
    }

    void start(@Observes StartupEvent started) {
        log = new ImportStatusLog(bootstrapServers, instance.id(), view);
        log.start();
        log.initialCatchUp().thenRun(this::interruptLeftovers);
        heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "import-status-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleAtFixedRate(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Imports still publishing here end as interrupted, and say so before the process goes. */
    void stop(@Observes ShutdownEvent stopping) {
        if (log == null) {
            return; // never started
        }
        heartbeat.shutdownNow();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (ImportProgress progress : locals()) {
            if (progress.state() == ImportState.PUBLISHING) {
                progress.interrupted("ingest instance " + instance.id() + " was shut down while publishing it");
                writes.add(write(progress));
            }
        }
        try {
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("the reports of %d interrupted imports may not have been written: %s", writes.size(), e);
        }
        log.close();
    }

    /** This instance's id, the writer of its imports' reports. */
    String instanceId() {
        return instance.id();
    }

    /**
     * Takes a new import of this instance and writes its first report; returns that report once the broker has
     * acknowledged it.
     *
     * @throws ProblemException 503 when the report could not be written (then the import must not start)
     */
    ImportReport add(ImportProgress progress) {
        synchronized (this) {
            local.put(progress.importId(), progress);
            // the oldest whose end is written: the topic answers for it; one still running stays, or this instance
            // would take its own running import for one a restart left behind
            Iterator<ImportProgress> oldest = local.values().iterator();
            for (int excess = local.size() - KEPT_LOCALLY; excess > 0 && oldest.hasNext(); ) {
                if (!oldest.next().needsWriting()) {
                    oldest.remove();
                    excess--;
                }
            }
        }
        try {
            write(progress).get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forget(progress);
            throw new ProblemException(IngestProblem.PUBLISH_FAILED, "interrupted before the import was recorded");
        } catch (Exception e) {
            forget(progress);
            LOG.warnf("could not record import %s: %s", progress.importId(), e.toString());
            throw new ProblemException(IngestProblem.PUBLISH_FAILED, "the import could not be recorded (the log did"
                    + " not acknowledge its report); nothing was published, try again");
        }
        return progress.report();
    }

    /** The import ended (completed, failed): its final report goes out now, and again with the heartbeat until acknowledged. */
    void ended(ImportProgress progress) {
        write(progress);
    }

    /** Any instance's import: this instance's own with its live counters, another's as its latest report says. */
    public Optional<ImportReport> report(String importId) {
        ImportProgress mine;
        synchronized (this) {
            mine = local.get(importId);
        }
        if (mine != null) {
            return Optional.of(mine.report());
        }
        Optional<ImportStatus> seen = view.latest(importId);
        if (seen.isEmpty()) {
            // perhaps accepted by another instance a moment ago: read on to where the topic ends now
            try {
                if (log.awaitCaughtUp(catchUpTimeout)) {
                    seen = view.latest(importId);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return seen.map(status -> ImportReport.of(liveness.judge(status, Instant.now())));
    }

    /** The newest first, of every instance. */
    public List<ImportReport> recent(int limit) {
        Map<String, ImportReport> reports = new LinkedHashMap<>();
        Instant now = Instant.now();
        List<ImportProgress> mine = locals();
        mine.forEach(progress -> reports.put(progress.importId(), progress.report()));
        view.newest(limit + mine.size()).forEach(status -> reports.putIfAbsent(status.importId(),
                ImportReport.of(liveness.judge(status, now))));
        return reports.values().stream()
                .sorted(Comparator.comparing(ImportReport::startedAt).reversed())
                .limit(limit)
                .toList();
    }

    /** Whether this instance has read every report the topic held when it started. */
    boolean reportsRead() {
        return log != null && log.initialCatchUp().isDone() && !log.initialCatchUp().isCompletedExceptionally();
    }

    private synchronized List<ImportProgress> locals() {
        return List.copyOf(local.values());
    }

    private synchronized void forget(ImportProgress progress) {
        local.remove(progress.importId());
    }

    private void beat() {
        for (ImportProgress progress : locals()) {
            if (progress.needsWriting()) {
                write(progress);
            }
        }
    }

    /**
     * Writes the import's next report. Made and handed to the producer under the import's lock, so its reports
     * leave in the order of their sequence numbers.
     */
    private CompletableFuture<Void> write(ImportProgress progress) {
        ImportStatus status;
        CompletableFuture<Void> written;
        synchronized (progress) {
            status = progress.nextStatus();
            written = log.write(status);
        }
        return written.whenComplete((ok, error) -> {
            if (error == null) {
                if (!ImportState.PUBLISHING.name().equals(status.state())) {
                    progress.endWritten();
                }
                if (writeFailing) {
                    writeFailing = false;
                    LOG.infof("import reports are written again");
                }
            } else if (!writeFailing) {
                writeFailing = true;
                LOG.warnf("could not write the report of import %s (retried with the next heartbeat): %s",
                        status.importId(), error.toString());
            }
        });
    }

    /** This instance id's imports the topic says are publishing, though this process does not run them. */
    private void interruptLeftovers() {
        for (ImportStatus status : view.publishingBy(instance.id())) {
            boolean mine;
            synchronized (this) {
                mine = local.containsKey(status.importId());
            }
            if (!mine) {
                ImportStatus interrupted = ImportLiveness.interrupted(status, "ingest instance " + instance.id()
                        + " restarted while publishing it");
                log.write(interrupted).whenComplete((ok, error) -> LOG.infof(
                        "import %s, left publishing by an earlier run of this instance, marked interrupted%s",
                        status.importId(), error == null ? "" : " (not written: " + error + ")"));
            }
        }
    }
}
