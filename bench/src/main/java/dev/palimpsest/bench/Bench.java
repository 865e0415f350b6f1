package dev.palimpsest.bench;

import dev.palimpsest.bench.diff.DiffBenchmarks;
import dev.palimpsest.bench.log.ProofBenchmarks;
import dev.palimpsest.bench.sealing.SealingBenchmarks;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./palimpsest bench <benchmark>}: load drivers that start a stack of their own and measure it, and JMH
 * microbenchmarks of parts that need no stack (the diff).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "palimpsest-bench 0.1.0",
        description = "Measure Palimpsest on this machine: import starts a stack of its own; diff runs JMH"
                + " microbenchmarks of the diff in a forked JVM; compare runs the stack beside its anchors (git,"
                + " a raw Kafka producer, raw JDBC) and writes a table of ratios.",
        subcommands = {ImportBenchmark.class, DiffBenchmarks.class, ProofBenchmarks.class, SealingBenchmarks.class,
                CompareBenchmark.class, ProvenanceBenchmark.class})
public final class Bench implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Logging.quiet();
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    /** How people ran a benchmark: {@code ./palimpsest} passes its own command line; else the arguments as given. */
    static String commandLine(CommandLine.Model.CommandSpec spec) {
        String given = System.getProperty("palimpsest.bench.command");
        if (given != null && !given.isBlank()) {
            return given;
        }
        CommandLine root = spec.root().commandLine();
        java.util.List<String> args = root.getParseResult().originalArgs();
        return "java -cp 'bench/target/palimpsest-bench-*.jar:bench/target/lib/*' "
                + root.getCommand().getClass().getName() + (args.isEmpty() ? "" : " " + String.join(" ", args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is needed, e.g. import or diff");
    }
}
