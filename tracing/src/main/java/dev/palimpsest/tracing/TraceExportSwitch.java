package dev.palimpsest.tracing;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether spans are recorded and exported, decided at startup from the environment (no rebuild): Quarkus fixes
 * its own sampler setting ({@code quarkus.otel.traces.sampler}) at build time, but takes a {@link Sampler} bean
 * instead when the application has one, and this is it.
 *
 * <p>Off (the default): every span is dropped, whatever the incoming {@code traceparent} says, so nothing is ever
 * handed to the exporter and no collector is needed or looked for. The W3C context is still created and propagated
 * (HTTP, Kafka headers) and still in the logs' MDC ({@code traceId}, {@code spanId}): ids cost nothing and let a
 * request's log lines be found across the three services (ADR 0016).
 *
 * <p>On: a trace is recorded when its root decides so ({@code sample-ratio} of new traces), and every later span
 * follows its parent, so a trace is exported whole or not at all across the services.
 */
@ApplicationScoped
public class TraceExportSwitch {

    @Produces
    @Singleton
    Sampler sampler(@ConfigProperty(name = "palimpsest.tracing.export-enabled", defaultValue = "false") boolean exportEnabled,
                    @ConfigProperty(name = "palimpsest.tracing.sample-ratio", defaultValue = "1.0") double sampleRatio) {
        return samplerFor(exportEnabled, sampleRatio);
    }

    /** The sampler for these settings; {@code sampleRatio} in [0, 1]. */
    static Sampler samplerFor(boolean exportEnabled, double sampleRatio) {
        if (!exportEnabled) {
            return Sampler.alwaysOff();
        }
        if (!(sampleRatio >= 0.0 && sampleRatio <= 1.0)) {
            throw new IllegalArgumentException("palimpsest.tracing.sample-ratio must lie in [0, 1], got " + sampleRatio);
        }
        return Sampler.parentBased(Sampler.traceIdRatioBased(sampleRatio));
    }
}
