package dev.palimpsest.bench;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ComparisonTest {

    @Test
    void theRatioIsPalimpsestOverTheAnchor() {
        Comparison storage = Comparison.of("archive", 33_820.0, 614.0, "B", "git", Target.ratioAtMost(1.0));

        assertEquals(33_820.0 / 614.0, storage.ratio().orElseThrow(), 1e-9);
        assertEquals("55.1×", storage.ratioText());
        assertEquals(Optional.of(false), storage.met());
    }

    @Test
    void aRatioBoundIsMetAtTheBoundAndNotBeyondIt() {
        assertEquals(Optional.of(true), Comparison.of("import", 12.0, 2.0, "s", "git", Target.ratioAtMost(6)).met());
        assertEquals(Optional.of(false), Comparison.of("import", 12.5, 2.0, "s", "git", Target.ratioAtMost(6)).met());
        assertEquals(Optional.of(true), Comparison.of("rate", 50.0, 100.0, "MB/s", "raw", Target.ratioAtLeast(0.5))
                .met());
        assertEquals(Optional.of(false), Comparison.of("rate", 49.0, 100.0, "MB/s", "raw", Target.ratioAtLeast(0.5))
                .met());
    }

    @Test
    void aValueBoundLooksAtPalimpsestAloneWithOrWithoutAnAnchor() {
        assertEquals(Optional.of(true), Comparison.of("p99", 1.9, 0.4, "ms", "JDBC", Target.atMost(2, "ms")).met());
        assertEquals(Optional.of(false), Comparison.of("p99", 2.1, null, "ms", "", Target.atMost(2, "ms")).met());
        assertEquals(Optional.of(true), Comparison.of("replay", 25_000.0, null, "/s", "", Target.atLeast(20_000, "/s"))
                .met());
        assertEquals(Optional.of(false), Comparison.of("replay", 300.0, null, "/s", "", Target.atLeast(20_000, "/s"))
                .met());
    }

    @Test
    void whatWasNotMeasuredNeitherMeetsNorMissesItsTarget() {
        Comparison missing = Comparison.missing("replay", "", Target.atLeast(20_000, "/s"), "it failed");
        Comparison noAnchor = Comparison.of("import", 168.0, null, "s", "git", Target.ratioAtMost(6));
        Comparison zeroAnchor = Comparison.of("import", 168.0, 0.0, "s", "git", Target.ratioAtMost(6));

        assertEquals(Optional.empty(), missing.met());
        assertEquals(Optional.empty(), noAnchor.met());
        assertEquals(Optional.empty(), zeroAnchor.ratio());
        assertEquals(Optional.empty(), Comparison.of("rss", 400.0, null, "MiB", "", Target.NONE).met());
    }

    @Test
    void numbersKeepAboutThreeSignificantDigits() {
        assertEquals("33,820", Comparison.number(33_819.6));
        assertEquals("61.4", Comparison.number(61.44));
        assertEquals("6.60", Comparison.number(6.6));
        assertEquals("0.760", Comparison.number(0.76));
        assertEquals("0", Comparison.number(0));
    }

    @Test
    void targetsSayTheirBoundAsTheTableShowsIt() {
        assertEquals("≤ 6.00×", Target.ratioAtMost(6).describe());
        assertEquals("≥ 0.500×", Target.ratioAtLeast(0.5).describe());
        assertEquals("≤ 2.00 ms", Target.atMost(2, "ms").describe());
        assertEquals("≥ 20,000 /s", Target.atLeast(20_000, "/s").describe());
        assertEquals("–", Target.NONE.describe());
    }
}
