package dev.palimpsest.ingest.access;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrincipalBucketsTest {

    private record Config(long requests, Duration period, long burst, long maxPrincipals, Duration idleTimeout)
            implements WriteRateLimitConfig {
    }

    @Test
    void aPrincipalMayWriteItsBurstThenWaitsForTheRefill() {
        PrincipalBuckets buckets = new PrincipalBuckets(new Config(1, Duration.ofHours(1), 3, 100,
                Duration.ofMinutes(10)));

        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), buckets.take("ada"), "write " + (i + 1) + " of the burst");
        }
        Optional<Duration> wait = buckets.take("ada");

        assertTrue(wait.isPresent(), "the fourth write waits");
        assertTrue(wait.get().compareTo(Duration.ZERO) > 0 && wait.get().compareTo(Duration.ofHours(1)) <= 0,
                "one write comes back within the hour: " + wait.get());
    }

    @Test
    void eachPrincipalHasItsOwnBucket() {
        PrincipalBuckets buckets = new PrincipalBuckets(new Config(1, Duration.ofHours(1), 1, 100,
                Duration.ofMinutes(10)));

        assertEquals(Optional.empty(), buckets.take("ada"));
        assertTrue(buckets.take("ada").isPresent());
        assertEquals(Optional.empty(), buckets.take("grace"), "ada's limit is not grace's");
    }

    @Test
    void theMapOfBucketsStaysWithinItsBoundHoweverManySubjectsAppear() {
        PrincipalBuckets buckets = new PrincipalBuckets(new Config(10, Duration.ofSeconds(1), 10, 50,
                Duration.ofMinutes(10)));

        for (int i = 0; i < 5_000; i++) {
            buckets.take("subject-" + i);
        }

        assertTrue(buckets.tracked() <= 50, "tracked " + buckets.tracked());
    }

    @Test
    void aConfigurationThatCouldNeverAllowAWriteIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new PrincipalBuckets(new Config(0, Duration.ofSeconds(1),
                1, 1, Duration.ofMinutes(1))));
        assertThrows(IllegalArgumentException.class, () -> new PrincipalBuckets(new Config(1, Duration.ZERO,
                1, 1, Duration.ofMinutes(1))));
        assertThrows(IllegalArgumentException.class, () -> new PrincipalBuckets(new Config(1, Duration.ofSeconds(1),
                0, 1, Duration.ofMinutes(1))));
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertEquals(1, new WriteRateExceeded(Duration.ofMillis(200)).retryAfterSeconds());
        assertEquals(1, new WriteRateExceeded(Duration.ZERO).retryAfterSeconds());
        assertEquals(2, new WriteRateExceeded(Duration.ofMillis(1500)).retryAfterSeconds());
        assertEquals(3, new WriteRateExceeded(Duration.ofSeconds(3)).retryAfterSeconds());
    }
}
