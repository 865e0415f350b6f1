package dev.palimpsest.bench.diff;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./palimpsest bench diff [JMH options]}: runs the JMH benchmarks of this package ({@link DiffBenchmark}).
 * Any arguments go to JMH as they are, e.g. {@code -wi 2 -i 3 -f 1}, {@code -p granularity=word} or {@code -h}.
 */
@Command(name = "diff", description = "Microbenchmarks (JMH) of diffing two ~1 MB texts: line, word and char"
        + " granularity, JSON and HTML. Arguments go to JMH, e.g. -wi 2 -i 3 -f 1 -p granularity=word.")
public final class DiffBenchmarks implements Callable<Integer> {

    /** Everything after {@code diff}, options included, is JMH's (picocli would reject them as unknown). */
    @Unmatched
    List<String> jmhOptions = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(jmhOptions);
        args.add(DiffBenchmark.class.getName());
        org.openjdk.jmh.Main.main(args.toArray(String[]::new));
        return 0;
    }
}
