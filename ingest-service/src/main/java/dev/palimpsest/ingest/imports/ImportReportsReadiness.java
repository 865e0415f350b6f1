package dev.palimpsest.ingest.imports;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once this instance has read every import report {@code palimpsest.imports} held when it started: from then
 * on it answers for the imports of every instance, not only its own (and has marked its own earlier run's unfinished
 * imports interrupted). Down while the topic is missing.
 */
@Readiness
@ApplicationScoped
public class ImportReportsReadiness implements HealthCheck {

    private final ImportRegistry registry;

    public ImportReportsReadiness(ImportRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("import-reports").status(registry.reportsRead())
                .withData("instance", registry.instanceId()).build();
    }
}
