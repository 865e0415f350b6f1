package dev.palimpsest.ingest.imports;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What ingest measures of its imports (Prometheus names): {@code palimpsest_ingest_imports_started_total} (exports
 * accepted and being published), {@code palimpsest_ingest_imports_finished_total{outcome}} (completed or failed)
 * and {@code palimpsest_ingest_import_revisions_total{outcome}} (revisions published, acknowledged by the broker, or
 * rejected by the import's checks). Rates come from Prometheus ({@code rate(...)}).
 */
// created at startup, not on first use: every series is exposed (at 0) before anything happens
@Startup
@ApplicationScoped
public class ImportMetrics {

    private final Counter started;
    private final Counter completed;
    private final Counter failed;
    private final Counter published;
    private final Counter rejected;

    public ImportMetrics(MeterRegistry registry) {
        started = Counter.builder("palimpsest.ingest.imports.started")
                .description("MediaWiki exports accepted by POST /imports (validated whole) and being published")
                .register(registry);
        completed = finished(registry, "completed");
        failed = finished(registry, "failed");
        published = revisions(registry, "published");
        rejected = revisions(registry, "rejected");
    }

    private static Counter finished(MeterRegistry registry, String outcome) {
        return Counter.builder("palimpsest.ingest.imports.finished")
                .description("Imports that finished publishing, by outcome (failed: the log stopped acknowledging)")
                .tag("outcome", outcome)
                .register(registry);
    }

    private static Counter revisions(MeterRegistry registry, String outcome) {
        return Counter.builder("palimpsest.ingest.import.revisions")
                .description("Revisions of imports: published (acknowledged by the broker) or rejected (a sha1"
                        + " mismatch, too large, unreadable)")
                .tag("outcome", outcome)
                .register(registry);
    }

    void started() {
        started.increment();
    }

    void finished(boolean completedWell) {
        (completedWell ? completed : failed).increment();
    }

    void revisionPublished() {
        published.increment();
    }

    void revisionRejected() {
        rejected.increment();
    }
}
