package dev.palimpsest.bench;

import dev.palimpsest.devstack.DataDirectories;
import dev.palimpsest.devstack.InfrastructureMode;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.devstack.launcher.ServiceProcess;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code ./palimpsest bench import}: starts a whole stack (free ports, its own data directory), imports a synthetic
 * history of the requested size through it, and writes up throughput, memory and disk in Markdown for
 * BENCHMARKS.md. The question it answers is the milestone's: do long histories and large dumps go through at a
 * steady rate without any process's memory growing with them?
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Measure an import of a synthetic MediaWiki history through a stack of its own.")
public final class ImportBenchmark implements Callable<Integer> {

    @Option(names = "--pages", defaultValue = "1", description = "Pages in the dump (default: ${DEFAULT-VALUE})")
    int pages;

    @Option(names = "--revisions", defaultValue = "1000",
            description = "Revisions of each page (default: ${DEFAULT-VALUE})")
    int revisions;

    @Option(names = "--seed", defaultValue = "1", description = "The dump's seed: same seed, same bytes (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--database", defaultValue = DumpShape.DEFAULT_DATABASE,
            description = "The wiki's database name; article keys are DATABASE:PAGEID (default: ${DEFAULT-VALUE})")
    String database;

    @Option(names = "--text-bytes", defaultValue = "" + DumpShape.DEFAULT_TEXT_BYTES,
            description = "About how long each text is, in bytes (default: ${DEFAULT-VALUE})")
    int textBytes;

    @Option(names = "--gzip", description = "Upload the dump gzip-compressed (costs the driver CPU)")
    boolean gzip;

    @Option(names = "--data-dir", description = "The stack's data directory, kept afterwards; it must be empty or"
            + " absent (default: a temporary directory, deleted afterwards)")
    Path dataDirectory;

    @Option(names = "--report", description = "Also write the Markdown report to this file")
    Path reportFile;

    @Option(names = "--home", defaultValue = "${sys:palimpsest.home:-.}",
            description = "The repository, where the services are built (default: ${DEFAULT-VALUE})")
    Path home;

    @Option(names = "--sample-seconds", defaultValue = "5",
            description = "Seconds between samples and progress lines (default: ${DEFAULT-VALUE})")
    int sampleSeconds;

    @Option(names = "--stall-minutes", defaultValue = "10",
            description = "Give up after this long without any progress (default: ${DEFAULT-VALUE})")
    int stallMinutes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    PrintStream out = System.out;

    public static void main(String[] args) {
        Logging.quiet();
        System.exit(new CommandLine(new ImportBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        DumpShape shape;
        try {
            shape = new DumpShape(pages, revisions, seed, database, textBytes);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        boolean temporary = dataDirectory == null;
        Path data = temporary ? Files.createTempDirectory("palimpsest-bench-") : requireEmpty(dataDirectory);
        MachineDescription machine = MachineDescription.of(data);
        out.printf("Importing %,d page(s) × %,d revisions (%,d in all, seed %d) through a fresh stack in %s%n",
                shape.pages(), shape.revisionsPerPage(), shape.totalRevisions(), shape.seed(), data);

        long startBegin = System.nanoTime();
        PalimpsestStack stack;
        try {
            // local processes even where Docker answers: their memory is what is measured
            stack = PalimpsestStack.start(PalimpsestStack.Options.defaults(home).withDataDirectory(data)
                    .withFreePorts().withMode(InfrastructureMode.LOCAL), new StartProgress(out));
        } catch (RuntimeException e) {
            out.println("The stack did not start: " + e.getMessage());
            if (temporary) {
                DataDirectories.deleteQuietly(data);
            }
            return 2;
        }
        Duration stackStart = Duration.ofNanos(System.nanoTime() - startBegin);
        if (temporary) {
            // Ctrl-C: the stack's own hook stops it; this one waits for that, then removes its data
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                DataDirectories.deleteQuietly(data);
            }, "bench-cleanup"));
        }
        out.printf("Stack up in %s: ingest %s, archive %s, query %s%n", Units.duration(stackStart),
                stack.ingestUrl(), stack.archiveUrl(), stack.queryUrl());

        RunOutcome run;
        try {
            run = new ImportRun(stack, new SyntheticDump(shape), gzip, Duration.ofSeconds(sampleSeconds),
                    Duration.ofMinutes(stallMinutes), out).run();
        } finally {
            out.println("Stopping the stack…");
            stack.close();
        }
        String loadAtEnd = MachineDescription.currentLoadAverage();
        BenchmarkReport report = new BenchmarkReport(machine, Bench.commandLine(spec), shape, gzip, stackStart, run,
                DiskUsage.of(data), LogFindings.scan(data), loadAtEnd);
        String markdown = report.markdown();
        out.println();
        out.println(markdown);
        if (reportFile != null) {
            Files.writeString(reportFile, markdown, StandardCharsets.UTF_8);
            out.println("Report written to " + reportFile.toAbsolutePath());
        }
        if (temporary) {
            DataDirectories.deleteQuietly(data);
        } else {
            out.println("Data kept in " + data.toAbsolutePath() + " (service logs in its logs/)");
        }
        return run.complete() ? 0 : 1;
    }

    /** A benchmark measures a fresh stack: data left from another run would be counted as this one's. */
    private Path requireEmpty(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--data-dir " + directory
                            + " is not empty; a benchmark needs a fresh stack");
                }
            }
        }
        Files.createDirectories(directory);
        return directory;
    }

    /** The stack's start, a line per step. */
    private record StartProgress(PrintStream out) implements PalimpsestStack.Progress {

        @Override
        public void infrastructureReady(String description, Duration took) {
            out.println("  " + description + " ready in " + Units.duration(took));
        }

        @Override
        public void serviceReady(ServiceProcess service, Duration took) {
            out.println("  " + service.name() + " ready in " + Units.duration(took) + " (pid " + service.pid() + ")");
        }
    }
}
