package dev.palimpsest.bench.log;

import dev.palimpsest.bench.JmhCommand;
import picocli.CommandLine.Command;

/**
 * {@code ./palimpsest bench proofs [JMH options]}: runs the JMH benchmarks of this package ({@link ProofBenchmark}).
 * Any arguments go to JMH as they are, e.g. {@code -wi 2 -i 3 -f 1}, {@code -p leaves=100000} or {@code -h}.
 */
@Command(name = "proofs", description = "Microbenchmarks (JMH) of the transparency log's proofs in a tree of a"
        + " million leaves: inclusion and consistency, made and verified. Arguments go to JMH, e.g. -p leaves=100000.")
public final class ProofBenchmarks extends JmhCommand {

    @Override
    protected Class<?> benchmarks() {
        return ProofBenchmark.class;
    }
}
