package dev.palimpsest.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LatenciesTest {

    @Test
    void percentilesAreLatenciesThatWereSeenByNearestRank() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (100 - i) * 1_000_000L; // 100 ms down to 1 ms, unsorted on purpose
        }
        Latencies latencies = new Latencies(nanos);

        assertEquals(50.0, latencies.percentileMillis(50));
        assertEquals(99.0, latencies.percentileMillis(99));
        assertEquals(100.0, latencies.percentileMillis(100));
        assertEquals(1.0, latencies.percentileMillis(0.5));
    }

    @Test
    void oneLatencyIsEveryPercentile() {
        Latencies one = new Latencies(new long[]{2_500_000});

        assertEquals(2.5, one.percentileMillis(50));
        assertEquals(2.5, one.percentileMillis(99));
    }

    @Test
    void noLatenciesOrAPercentileOutOfRangeIsAMistake() {
        assertThrows(IllegalArgumentException.class, () -> new Latencies(new long[0]));
        assertThrows(IllegalArgumentException.class, () -> new Latencies(new long[]{1}).percentileMillis(0));
        assertThrows(IllegalArgumentException.class, () -> new Latencies(new long[]{1}).percentileMillis(101));
    }
}
