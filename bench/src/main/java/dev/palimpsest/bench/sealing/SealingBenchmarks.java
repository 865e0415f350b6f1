package dev.palimpsest.bench.sealing;

import dev.palimpsest.bench.JmhCommand;
import picocli.CommandLine.Command;

/**
 * {@code ./palimpsest bench sealing [JMH options]}: runs {@link SealingBenchmark}. Any arguments go to JMH as they
 * are, e.g. {@code -wi 2 -i 3 -f 1} or {@code -p texts=8}.
 */
@Command(name = "sealing", description = "Microbenchmarks (JMH) of sealing packs of texts (ADR 0042): AES-256-GCM"
        + " seal and open of packs of real revisions, beside their zstd packing and unpacking. Arguments go to JMH.")
public final class SealingBenchmarks extends JmhCommand {

    @Override
    protected Class<?> benchmarks() {
        return SealingBenchmark.class;
    }
}
