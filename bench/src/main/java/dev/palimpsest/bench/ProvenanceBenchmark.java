package dev.palimpsest.bench;

import dev.palimpsest.diff.TextDiff;
import dev.palimpsest.diff.Tokens;
import dev.palimpsest.provenance.ArticleProvenance;
import dev.palimpsest.provenance.Attribution;
import dev.palimpsest.provenance.TokenRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./palimpsest bench provenance}: who wrote each word of a whole real history, timed in the library (no
 * stack): every revision attributed in dump order, each beside its anchor in the same pass, the word diff of it
 * against the revision before (the least any word-level blame must do, and what query-service's diff answers).
 * Reports the whole history's time and the ratio to the anchor, the time of one revision among the latest of at
 * least {@code --incremental-min-bytes}, and the bytes stored per revision (its token runs).
 */
@Command(name = "provenance", description = "Token provenance (who wrote each word) over a whole real history, in"
        + " the library, beside a word diff of each revision against the one before.")
public final class ProvenanceBenchmark implements Callable<Integer> {

    @Option(names = "--dump", description = "The real history (default: the repository's "
            + CompareBenchmark.DEFAULT_DUMP + ")")
    Path dump;

    @Option(names = "--passes", defaultValue = "2",
            description = "Whole passes; the first warms the JIT and is reported apart (default: ${DEFAULT-VALUE})")
    int passes;

    @Option(names = "--incremental-min-bytes", defaultValue = "60000",
            description = "Revisions at least this long count for the one-revision figure (default: ${DEFAULT-VALUE})")
    int incrementalMinBytes;

    @Option(names = "--incremental-last", defaultValue = "500",
            description = "The one-revision figure is over the latest this many such revisions (default:"
                    + " ${DEFAULT-VALUE})")
    int incrementalLast;

    @Override
    public Integer call() throws Exception {
        Path file = dump != null ? dump : Path.of(CompareBenchmark.DEFAULT_DUMP);
        System.out.println(MachineDescription.of(file.toAbsolutePath().getParent()));
        for (int pass = 1; pass <= passes; pass++) {
            Pass result = run(file);
            System.out.printf(Locale.ROOT, "pass %d%s: %s%n", pass, pass == 1 && passes > 1 ? " (warm-up)" : "",
                    result);
        }
        return 0;
    }

    private Pass run(Path file) throws Exception {
        Map<Long, ArticleProvenance> articles = new HashMap<>();
        Map<Long, String> previous = new HashMap<>();
        Pass pass = new Pass();
        WikiHistory.read(file, revision -> {
            ArticleProvenance article = articles.computeIfAbsent(revision.pageId(), id -> new ArticleProvenance());
            String text = revision.text() == null ? "" : revision.text();
            long start = System.nanoTime();
            Attribution attribution = article.attribute(revision.revisionId(), text);
            long attributedNanos = System.nanoTime() - start;
            String before = previous.put(revision.pageId(), text);
            start = System.nanoTime();
            TextDiff.compare(before == null ? "" : before, text, Tokens.WORD).stats();
            long diffed = System.nanoTime() - start;
            pass.add(text, attribution, attribution.stored().length, attributedNanos, diffed,
                    text.length() >= incrementalMinBytes);
        });
        pass.finish(incrementalLast);
        return pass;
    }

    /** One pass over the history. */
    private static final class Pass {
        long revisions;
        long tokens;
        long textBytes;
        long runBytes;
        long maxRunBytes;
        long attributeNanos;
        long diffNanos;
        final List<long[]> large = new ArrayList<>();
        Latencies incremental;
        Latencies incrementalAnchor;

        void add(String text, Attribution attribution, int runs, long attributed, long diffed, boolean isLarge) {
            revisions++;
            tokens += attribution.tokens().length;
            textBytes += text.length();
            runBytes += runs;
            maxRunBytes = Math.max(maxRunBytes, runs);
            attributeNanos += attributed;
            diffNanos += diffed;
            if (isLarge) {
                large.add(new long[] {attributed, diffed});
            }
        }

        void finish(int last) {
            List<long[]> latest = large.subList(Math.max(0, large.size() - last), large.size());
            if (!latest.isEmpty()) {
                incremental = new Latencies(latest.stream().mapToLong(pair -> pair[0]).toArray());
                incrementalAnchor = new Latencies(latest.stream().mapToLong(pair -> pair[1]).toArray());
            }
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "%,d revisions (%,d chars, %,d tokens) attributed in %.1f s; word diffs of each against the one"
                            + " before %.1f s: ratio %.2f×; stored %,d B of token runs (every %dth revision whole, the"
                            + " others as changes to the one before), %.0f B per revision on average (largest %,d B)",
                    revisions, textBytes, tokens, attributeNanos / 1e9, diffNanos / 1e9,
                    (double) attributeNanos / diffNanos, runBytes, TokenRuns.CHECKPOINT_EVERY, (double) runBytes / revisions, maxRunBytes));
            if (incremental != null) {
                out.append(String.format(Locale.ROOT, "%n  one revision of the latest %d ≥ threshold: p50 %.2f ms,"
                                + " p99 %.2f ms; word diff p50 %.2f ms, p99 %.2f ms",
                        incremental.count(), incremental.percentileMillis(50), incremental.percentileMillis(99),
                        incrementalAnchor.percentileMillis(50), incrementalAnchor.percentileMillis(99)));
            }
            return out.toString();
        }
    }
}
