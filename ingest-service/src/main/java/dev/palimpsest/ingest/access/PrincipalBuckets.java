package dev.palimpsest.ingest.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * One token bucket per principal (Bucket4j, refilled greedily: {@code requests} per {@code period}, at most
 * {@code burst} saved up), in a bounded map (Caffeine) that forgets principals idle past the idle timeout or beyond
 * the size bound. Memory stays bounded however many distinct subjects appear; the price is that a forgotten
 * principal starts again with a full bucket, which for idle ones is what the refill would have given it anyway.
 */
@ApplicationScoped
public class PrincipalBuckets {

    private final WriteRateLimitConfig config;
    private final Cache<String, Bucket> buckets;

    public PrincipalBuckets(WriteRateLimitConfig config) {
        if (config.requests() < 1 || config.burst() < 1 || config.maxPrincipals() < 1
                || config.period().isNegative() || config.period().isZero()) {
            throw new IllegalArgumentException("palimpsest.ingest.rate-limit: requests, burst and max-principals"
                    + " must be at least 1 and period positive");
        }
        this.config = config;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(config.maxPrincipals())
                .executor(Runnable::run) // evictions on the caller's thread: cheap, and bounded right away
                .expireAfterAccess(max(config.idleTimeout(), timeToRefill(config)))
                .build();
    }

    /**
     * Takes one write from the principal's bucket.
     *
     * @return empty when the write may go ahead; otherwise how long until the next one would be allowed
     */
    public Optional<Duration> take(String principal) {
        ConsumptionProbe probe = buckets.get(principal, this::newBucket).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** How many principals are tracked now (approximately: expired entries are dropped lazily). */
    long tracked() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket(String principal) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(config.burst()).refillGreedy(config.requests(), config.period()))
                .build();
    }

    /** How long an empty bucket takes to fill up to its burst. */
    private static Duration timeToRefill(WriteRateLimitConfig config) {
        return config.period().multipliedBy(config.burst()).dividedBy(config.requests());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
