package dev.palimpsest.bench;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * An import benchmark written up in Markdown, ready for BENCHMARKS.md: the machine and the command (without them
 * a figure means nothing), what was imported, when each stage finished and at what rate, memory per process
 * (range and a time series), disk, and what the logs said.
 *
 * @param stackStart how long the stack took to start, before the measured import
 * @param disk       the data directory after the stack stopped, or null when not measured
 */
record BenchmarkReport(MachineDescription machine, String commandLine, DumpShape shape, boolean gzip,
                       Duration stackStart, RunOutcome run, DiskUsage disk, List<LogFindings> logs,
                       String loadAverageAtEnd) {

    /** Rows of the time series: one per tenth of the run, and its start. */
    private static final int SERIES_STEPS = 10;

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("## Import benchmark: ").append(Units.count(shape.pages())).append(" page(s) × ")
                .append(Units.count(shape.revisionsPerPage())).append(" revisions — ")
                .append(run.startedAt().atOffset(ZoneOffset.UTC).toLocalDate()).append("\n\n");
        md.append("Command: `").append(commandLine).append("`\n\n");
        md.append(machine.sentence(loadAverageAtEnd)).append("\n\n");
        dump(md);
        result(md);
        stages(md);
        memory(md);
        cpu(md);
        series(md);
        diskAndLogs(md);
        return md.toString();
    }

    private void dump(StringBuilder md) {
        md.append("Dump: synthetic MediaWiki export 0.11, seed ").append(shape.seed()).append(", database `")
                .append(shape.database()).append("`, ").append(Units.count(shape.totalRevisions()))
                .append(" revisions");
        SyntheticDump.Totals totals = run.generated();
        if (totals != null) {
            md.append(", ").append(Units.bytes(totals.textBytes())).append(" of revision text (")
                    .append(Units.bytes(totals.textBytes() / Math.max(1, totals.revisions())))
                    .append(" per revision on average), ").append(Units.count(totals.identityReverts()))
                    .append(" identity reverts");
        }
        md.append("; uploaded ").append(gzip ? "gzip-compressed, " : "as plain XML, ")
                .append(Units.bytes(run.uploadBytes())).append(", generated while streamed (nothing on disk on")
                .append(" the driver's side; ingest spools it to its temp directory).\n\n");
    }

    private void result(StringBuilder md) {
        if (run.complete()) {
            md.append("Result: **complete** — each of the ").append(Units.count(shape.pages()))
                    .append(" articles holds its ").append(Units.count(shape.revisionsPerPage()))
                    .append(" revisions in the archive (as many submissions) and in the read model, checked over")
                    .append(" HTTP; no dead letters.\n\n");
        } else {
            md.append("Result: **INCOMPLETE** — ").append(run.failure()).append(".");
            if (run.verification() != null && !run.verification().shortfalls().isEmpty()) {
                md.append(" Still short: ").append(String.join("; ", run.verification().shortfalls())).append('.');
            }
            md.append("\n\n");
        }
    }

    private void stages(StringBuilder md) {
        long revisions = shape.totalRevisions();
        md.append("| stage (times from the start of the upload) | done after | revisions/s |\n|---|---|---|\n");
        md.append("| stack started (Kafka, PostgreSQL, three services; before the upload) | ")
                .append(Units.duration(stackStart)).append(" | |\n");
        md.append("| upload received and validated by ingest (202) | ").append(Units.duration(run.answered()))
                .append(" | ").append(run.answered() == null ? "—"
                        : Units.bytes(Math.round(run.uploadBytes() / Math.max(0.001,
                        run.answered().toMillis() / 1000.0))) + "/s uploaded").append(" |\n");
        md.append("| published by ingest, acknowledged by the broker | ").append(Units.duration(run.published()))
                .append(" | ").append(Units.rate(revisions, run.published()));
        ImportStatus status = run.importStatus();
        if (status != null && status.completed()) {
            md.append(" (ingest's own figure, from the end of validation: ")
                    .append(Units.rate(status.published(), Duration.between(status.startedAt(), status.finishedAt())))
                    .append(')');
        }
        md.append(" |\n");
        md.append("| archived (every submission answered after its transaction) | ")
                .append(Units.duration(run.archived())).append(" | ").append(Units.rate(revisions, run.archived()))
                .append(" |\n");
        md.append("| in the read model: every article complete over HTTP (query API, archive admin agrees) | ")
                .append(Units.duration(run.inReadModel())).append(" | ")
                .append(Units.rate(revisions, run.inReadModel())).append(" |\n\n");
    }

    private void memory(StringBuilder md) {
        List<Sample> samples = run.samples();
        if (samples.isEmpty()) {
            return;
        }
        md.append("Memory, sampled every few seconds during the import (MiB; RSS summed over a group's processes,")
                .append(" PSS shares shared pages out — for PostgreSQL the meaningful sum):\n\n");
        md.append("| process | RSS min | RSS max | RSS last | PSS last |\n|---|---|---|---|---|\n");
        for (String name : samples.get(0).memory().keySet()) {
            ToLongFunction<Sample> rss = sample -> sample.memory().get(name).rssMib();
            Sample last = samples.get(samples.size() - 1);
            md.append("| ").append(name).append(" | ")
                    .append(samples.stream().mapToLong(rss).min().orElse(0)).append(" | ")
                    .append(samples.stream().mapToLong(rss).max().orElse(0)).append(" | ")
                    .append(rss.applyAsLong(last)).append(" | ")
                    .append(last.memory().get(name).pssMib()).append(" |\n");
        }
        md.append('\n');
    }

    private void cpu(StringBuilder md) {
        List<Sample> samples = run.samples();
        if (samples.size() < 2 || samples.get(0).cpuSeconds() == null) {
            return;
        }
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        Map<String, Double> used = new LinkedHashMap<>();
        last.cpuSeconds().forEach((name, seconds) ->
                used.put(name, seconds - first.cpuSeconds().getOrDefault(name, 0.0)));
        double total = used.values().stream().mapToDouble(Double::doubleValue).sum();
        double wall = last.elapsed().minus(first.elapsed()).toMillis() / 1000.0;
        md.append(String.format(Locale.ROOT, "CPU used from the first sample to the last (%.1f s; user + system"
                + " time from /proc, a process that ended keeps what it used): %.1f s in all, %.2f cores on"
                + " average:%n%n", wall, total, wall > 0 ? total / wall : 0));
        md.append("| process | CPU | share |\n|---|---|---|\n");
        used.forEach((name, seconds) -> md.append(String.format(Locale.ROOT, "| %s | %.1f s | %.0f %% |%n", name,
                seconds, total > 0 ? 100 * seconds / total : 0)));
        md.append('\n');
    }

    private void series(StringBuilder md) {
        List<Sample> samples = run.samples();
        if (samples.isEmpty()) {
            return;
        }
        List<String> names = List.copyOf(samples.get(0).memory().keySet());
        md.append("Time series (every tenth of the run; memory as RSS MiB, PostgreSQL as PSS):\n\n");
        md.append("| elapsed | generated | published | archived | read model (committed) |");
        names.forEach(name -> md.append(' ').append(Units.shortName(name)).append(" |"));
        md.append("\n|---|---|---|---|---|").append("---|".repeat(names.size())).append('\n');
        for (Sample sample : seriesRows(samples)) {
            md.append("| ").append(Units.duration(sample.elapsed())).append(" | ")
                    .append(Units.count(sample.revisionsGenerated())).append(" | ")
                    .append(Units.count(sample.published())).append(" | ")
                    .append(Units.count(sample.archived())).append(" | ")
                    .append(Units.count(sample.inReadModel())).append(" |");
            for (String name : names) {
                ProcessMemory.Reading reading = sample.memory().get(name);
                md.append(' ').append(name.equals(StackProcesses.POSTGRES) ? reading.pssMib() : reading.rssMib())
                        .append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /** The first sample, then the one nearest each tenth of the run's length (the last sample for the end). */
    static List<Sample> seriesRows(List<Sample> samples) {
        Set<Sample> rows = new LinkedHashSet<>();
        rows.add(samples.get(0));
        long total = samples.get(samples.size() - 1).elapsed().toMillis();
        int next = 0;
        for (int step = 1; step <= SERIES_STEPS; step++) {
            long mark = total * step / SERIES_STEPS;
            while (next < samples.size() - 1 && Math.abs(samples.get(next + 1).elapsed().toMillis() - mark)
                    <= Math.abs(samples.get(next).elapsed().toMillis() - mark)) {
                next++;
            }
            rows.add(samples.get(next));
        }
        return new ArrayList<>(rows);
    }

    private void diskAndLogs(StringBuilder md) {
        if (disk != null) {
            md.append("Disk, data directory after the stop: PostgreSQL ").append(Units.bytes(disk.postgresBytes()))
                    .append(", Kafka ").append(Units.bytes(disk.kafkaBytes())).append(", service logs ")
                    .append(Units.bytes(disk.logBytes())).append("; ").append(Units.bytes(disk.totalBytes()))
                    .append(" in all.\n\n");
        }
        if (run.finalCounts() != null) {
            PipelineOffsets.Counts counts = run.finalCounts();
            md.append("Topics at the end: ").append(Units.count(counts.submitted())).append(" submitted, ")
                    .append(Units.count(counts.archived())).append(" answers, ")
                    .append(Units.count(counts.deadLetters())).append(" dead letters.\n\n");
        }
        if (logs == null || logs.isEmpty()) {
            md.append("Logs: no warnings or errors.\n");
            return;
        }
        md.append("Logs (warnings and errors; the first distinct messages, digits as #):\n\n");
        for (LogFindings finding : logs) {
            md.append("- `").append(finding.file()).append("`: ").append(Units.count(finding.warnings()))
                    .append(" warning(s), ").append(Units.count(finding.errors())).append(" error(s)\n");
            finding.examples().forEach((message, times) -> md.append("  - ").append(times).append("× `")
                    .append(message.replace('`', '\'')).append("`\n"));
        }
    }
}
