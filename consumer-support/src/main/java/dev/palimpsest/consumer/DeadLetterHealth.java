package dev.palimpsest.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Makes the dead letters visible in {@code /q/health}: always UP, since a dead letter is a record handled (kept,
 * with its reason) rather than a fault of the service, but with how many this process has published.
 */
@Readiness
@ApplicationScoped
public class DeadLetterHealth implements HealthCheck {

    private final DeadLetters deadLetters;

    public DeadLetterHealth(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("dead-letters").up()
                .withData("topic", deadLetters.topic())
                .withData("publishedSinceStart", deadLetters.publishedSinceStart())
                .build();
    }
}
