package dev.palimpsest.ingest.access;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** {@code palimpsest.ingest.rate-limit.*}: how many writes one principal may make; values in application.properties. */
@ConfigMapping(prefix = "palimpsest.ingest.rate-limit")
public interface WriteRateLimitConfig {

    /** Writes a principal regains per {@link #period()}: the sustained rate. */
    long requests();

    /** The period {@link #requests()} refill over, e.g. {@code 1s} or {@code 1m}. */
    Duration period();

    /** The most writes a principal may make at once after a quiet spell: the bucket's capacity. */
    long burst();

    /** The most principals tracked at once; beyond it the least used are forgotten (their buckets start full again). */
    long maxPrincipals();

    /**
     * A principal idle this long is forgotten. Never before its bucket would have refilled anyway: forgetting then
     * gives nobody more than waiting would.
     */
    Duration idleTimeout();
}
