package dev.palimpsest.bench;

import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A {@code ./palimpsest bench} subcommand that runs one class of JMH benchmarks. Any arguments go to JMH as they
 * are, e.g. {@code -wi 2 -i 3 -f 1}, {@code -p name=value} or {@code -h}.
 */
public abstract class JmhCommand implements Callable<Integer> {

    /** Everything after the subcommand's name, options included, is JMH's (picocli would reject them as unknown). */
    @Unmatched
    List<String> jmhOptions = new ArrayList<>();

    /** The class whose {@code @Benchmark} methods run. */
    protected abstract Class<?> benchmarks();

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(jmhOptions);
        args.add(benchmarks().getName());
        org.openjdk.jmh.Main.main(args.toArray(String[]::new));
        return 0;
    }
}
