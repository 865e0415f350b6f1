package dev.palimpsest.bench.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.diff.TextComparison;
import dev.palimpsest.diff.TextDiff;
import dev.palimpsest.diff.Tokens;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a diff of two ~1 MB texts costs (see {@link DiffInputs} for the pairs), at each granularity, as query-service
 * would answer it: the comparison, then JSON (operations and stats, serialized with Jackson) or the side-by-side HTML
 * page. One operation = one whole diff request's work, without HTTP. The forked JVM gets the launching JVM's options
 * ({@code ./palimpsest bench} runs it with query-service's {@code -Xmx256m -XX:+UseSerialGC}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DiffBenchmark {

    @Param({"scattered", "every-line", "shuffled"})
    public String pair;

    @Param({"line", "word", "char"})
    public String granularity;

    private String older;
    private String newer;
    private Tokens tokens;
    private final ObjectMapper json = new ObjectMapper();

    @Setup(Level.Trial)
    public void load() {
        String[] texts = DiffInputs.pair(pair);
        older = texts[0];
        newer = texts[1];
        tokens = Tokens.valueOf(granularity.toUpperCase(Locale.ROOT));
    }

    @Benchmark
    public byte[] json() throws Exception {
        TextComparison comparison = TextDiff.compare(older, newer, tokens);
        return json.writeValueAsBytes(Map.of("operations", comparison.operations(), "stats", comparison.stats()));
    }

    @Benchmark
    public String html() {
        return TextDiff.compare(older, newer, tokens).html("bench", "older", "newer", 3);
    }
}
