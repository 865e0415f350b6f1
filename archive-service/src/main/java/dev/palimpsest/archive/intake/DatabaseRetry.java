package dev.palimpsest.archive.intake;

import dev.palimpsest.consumer.TransientFailureRetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** The consumer's wait for the database to come back (ADR 0014), from {@code palimpsest.archive.retry.*}. */
@ApplicationScoped
class DatabaseRetry {

    @Produces
    @Singleton
    TransientFailureRetry transientFailureRetry(
            @ConfigProperty(name = "palimpsest.archive.retry.initial-backoff") Duration initialBackoff,
            @ConfigProperty(name = "palimpsest.archive.retry.max-backoff") Duration maxBackoff) {
        return new TransientFailureRetry(initialBackoff, maxBackoff);
    }
}
