package dev.palimpsest.bench;

import dev.palimpsest.bench.diff.DiffBenchmarks;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./palimpsest bench <benchmark>}: load drivers that start a stack of their own and measure it, and JMH
 * microbenchmarks of parts that need no stack (the diff).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "palimpsest-bench 0.1.0",
        description = "Measure Palimpsest on this machine: import starts a stack of its own; diff runs JMH"
                + " microbenchmarks of the diff in a forked JVM.",
        subcommands = {ImportBenchmark.class, DiffBenchmarks.class})
public final class Bench implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Logging.quiet();
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is needed, e.g. import or diff");
    }
}
