package dev.palimpsest.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchmarkReportTest {

    private static final DumpShape SHAPE = DumpShape.of(20, 200, 1);
    private static final MachineDescription MACHINE = new MachineDescription("Debian GNU/Linux 12", "Linux 6.1",
            "AMD EPYC", 2, 24L << 30, "openjdk version \"17.0.15\"", "ext4", "0.10 0.20 0.30");

    @Test
    void theSeriesHasTheFirstSampleThenOnePerTenthOfTheRunAndTheLast() {
        List<Sample> samples = new ArrayList<>();
        for (int second = 0; second <= 100; second += 5) {
            samples.add(sample(second, second * 40L));
        }

        List<Sample> rows = BenchmarkReport.seriesRows(samples);

        assertEquals(List.of(0L, 10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L),
                rows.stream().map(row -> row.elapsed().toSeconds()).toList());
    }

    @Test
    void aCompleteRunStatesTheMachineTheCommandEachStagesRateAndTheMemoryRange() {
        List<Sample> samples = List.of(sample(0, 0), sample(5, 2000), sample(10, 4000));
        RunOutcome run = new RunOutcome(Instant.parse("2026-11-26T01:00:00Z"),
                new SyntheticDump.Totals(20, 4000, 200, 12_000_000), 13_000_000, Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(10), null,
                new PipelineOffsets.Counts(4000, 4000, 4000, 0), new ArticleVerification.Outcome(20, 20, List.of()),
                samples, null);

        String markdown = new BenchmarkReport(MACHINE, "./palimpsest bench import --pages 20 --revisions 200",
                SHAPE, false, Duration.ofSeconds(25), run, new DiskUsage(100 << 20, 50 << 20, 1 << 20, 151 << 20),
                List.of(), "0.5 0.4 0.3").markdown();

        assertTrue(markdown.contains("Command: `./palimpsest bench import --pages 20 --revisions 200`"), markdown);
        assertTrue(markdown.contains("2 cores"), markdown);
        assertTrue(markdown.contains("**complete**"), markdown);
        assertTrue(markdown.contains("| archived (every submission answered after its transaction) | 8.0 s | 500 |"),
                markdown);
        assertTrue(markdown.contains("| 10.0 s | 400 |"), "read model: 4,000 in 10 s\n" + markdown);
        assertTrue(markdown.contains("| ingest-service | 100 | 120 | 120 |"), "RSS min, max, last\n" + markdown);
        assertTrue(markdown.contains("PostgreSQL 100 MiB, Kafka 50.0 MiB"), markdown);
        // CPU from the first sample to the last: ingest 2 → 12 s, PostgreSQL 1 → 3.5 s, over 10 s
        assertTrue(markdown.contains("12.5 s in all, 1.25 cores on average"), markdown);
        assertTrue(markdown.contains("| ingest-service | 10.0 s | 80 % |"), markdown);
        assertTrue(markdown.contains("| " + StackProcesses.POSTGRES + " | 2.5 s | 20 % |"), markdown);
    }

    @Test
    void cpuTicksAreReadAfterTheCommandNameWhateverItHolds() {
        assertEquals(300, ProcessCpu.ticksOf("1234 (a) (b c) S 1 1 1 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 1 0\n"));
        assertTrue(ProcessCpu.ticks(ProcessHandle.current().pid()) >= 0);
        assertEquals(0, ProcessCpu.ticks(Long.MAX_VALUE), "a process that is gone used nothing");
    }

    @Test
    void anIncompleteRunSaysWhyAndWhatIsStillShort() {
        RunOutcome run = new RunOutcome(Instant.parse("2026-11-26T01:00:00Z"), null, 1000, Duration.ofSeconds(2),
                null, null, null, null, PipelineOffsets.Counts.NONE,
                new ArticleVerification.Outcome(20, 19, List.of("benchwiki:7: archive 150 revisions")),
                List.of(sample(0, 0)), "no progress for 10 min");

        String markdown = new BenchmarkReport(MACHINE, "cmd", SHAPE, false, Duration.ofSeconds(25), run, null,
                List.of(), "1 1 1").markdown();

        assertTrue(markdown.contains("**INCOMPLETE** — no progress for 10 min."), markdown);
        assertTrue(markdown.contains("benchwiki:7: archive 150 revisions"), markdown);
    }

    /** At {@code second}: ingest at 100 MiB plus one per 200 revisions, the rest constant. */
    private static Sample sample(int second, long revisions) {
        Map<String, ProcessMemory.Reading> memory = new LinkedHashMap<>();
        memory.put("ingest-service", new ProcessMemory.Reading((100 + revisions / 200) * 1024, 90 * 1024));
        memory.put(StackProcesses.POSTGRES, new ProcessMemory.Reading(150 * 1024, 50 * 1024));
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("ingest-service", 2.0 + second);
        cpu.put(StackProcesses.POSTGRES, 1.0 + second / 4.0);
        return new Sample(Duration.ofSeconds(second), revisions * 3000, revisions, revisions, revisions, revisions,
                memory, cpu);
    }
}
