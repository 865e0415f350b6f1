package dev.palimpsest.bench.diff;

import dev.palimpsest.bench.JmhCommand;
import picocli.CommandLine.Command;

/**
 * {@code ./palimpsest bench diff [JMH options]}: runs the JMH benchmarks of this package ({@link DiffBenchmark}).
 * Any arguments go to JMH as they are, e.g. {@code -wi 2 -i 3 -f 1}, {@code -p granularity=word} or {@code -h}.
 */
@Command(name = "diff", description = "Microbenchmarks (JMH) of diffing two ~1 MB texts: line, word and char"
        + " granularity, JSON and HTML. Arguments go to JMH, e.g. -wi 2 -i 3 -f 1 -p granularity=word.")
public final class DiffBenchmarks extends JmhCommand {

    @Override
    protected Class<?> benchmarks() {
        return DiffBenchmark.class;
    }
}
