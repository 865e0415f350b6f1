package dev.palimpsest.bench;

import java.util.Arrays;

/**
 * Latencies of many requests, in nanoseconds: percentiles by the nearest-rank method (p99 of 1,000 is the 990th
 * smallest), so a percentile is always a latency that was actually seen.
 */
final class Latencies {

    private final long[] sorted;

    Latencies(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no latencies");
        }
        this.sorted = nanos.clone();
        Arrays.sort(this.sorted);
    }

    int count() {
        return sorted.length;
    }

    /** The p-th percentile (0 < p ≤ 100) in milliseconds. */
    double percentileMillis(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("a percentile is in (0, 100]: " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1_000_000.0;
    }
}
