package dev.palimpsest.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ComparisonTableTest {

    @Test
    void eachRowHasTheFigureBothValuesTheRatioTheTargetAndWhetherItIsMet() {
        String table = ComparisonTable.markdown(List.of(
                Comparison.of("archive database, bytes a revision", 33_820.0, 614.0, "B",
                        "git gc --aggressive pack", Target.ratioAtMost(1.0)),
                Comparison.of("as-of p99", 1.5, 0.4, "ms", "raw JDBC", Target.atMost(2, "ms")),
                Comparison.of("peak RSS, query-service", 515.0, null, "MiB", "", Target.atMost(256, "MiB"))));

        assertEquals("""
                | figure | Palimpsest | anchor | ratio | target | met? |
                |---|---|---|---|---|---|
                | archive database, bytes a revision | 33,820 B | 614 B (git gc --aggressive pack) | 55.1× | ≤ 1.00× | **no** |
                | as-of p99 | 1.50 ms | 0.400 ms (raw JDBC) | 3.75× | ≤ 2.00 ms | yes |
                | peak RSS, query-service | 515 MiB | – | – | ≤ 256 MiB | **no** |
                """, table);
    }

    @Test
    void notesAreNumberedUnderTheTableAndAMissingFigureSaysSo() {
        String table = ComparisonTable.markdown(List.of(
                Comparison.missing("rebuild, records a second", "", Target.atLeast(20_000, "/s"),
                        "POST answered 409"),
                Comparison.of("import", 168.0, 6.6, "s", "git fast-import", Target.ratioAtMost(6))
                        .withNote("the machine was busy")));

        assertEquals("""
                | figure | Palimpsest | anchor | ratio | target | met? |
                |---|---|---|---|---|---|
                | rebuild, records a second (1) | not measured | – | – | ≥ 20,000 /s | – |
                | import (2) | 168 s | 6.60 s (git fast-import) | 25.5× | ≤ 6.00× | **no** |

                1. POST answered 409
                2. the machine was busy
                """, table);
    }

    @Test
    void aPipeOrALineBreakCannotBreakTheTable() {
        assertEquals("a \\| b c", ComparisonTable.cell("a | b\nc"));
    }
}
