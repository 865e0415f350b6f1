package dev.palimpsest.bench.sealing;

import dev.palimpsest.bench.diff.DiffInputs;
import dev.palimpsest.textstore.PackCodec;
import dev.palimpsest.textstore.sealed.SealedPack;
import dev.palimpsest.textstore.sealed.TextKey;
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

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What sealing (ADR 0042) adds to a pack of texts, beside the work it is added to: packs of {@code texts}
 * consecutive revisions of the Rio Grande history (each primed with the revision before, as the archive packs them),
 * zstd-packed and unpacked (the anchor), sealed and opened with AES-256-GCM. One pack of the history per operation,
 * cycled through. The setup prints the packs' sizes, clear and sealed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SealingBenchmark {

    @Param({"32"})
    public int texts;

    private final List<List<String>> groups = new ArrayList<>();
    private final List<String> bases = new ArrayList<>();
    private final List<byte[]> packs = new ArrayList<>();
    private final List<List<byte[]>> salts = new ArrayList<>();
    private final List<byte[]> sealed = new ArrayList<>();
    private TextKey key;
    private int next;

    @Setup(Level.Trial)
    public void packTheHistory() {
        List<String> revisions = DiffInputs.revisions();
        byte[] keyBytes = new byte[32];
        new SecureRandom().nextBytes(keyBytes);
        key = new TextKey(1, keyBytes);
        long clear = 0;
        long sealedBytes = 0;
        for (int from = 0; from + texts <= revisions.size(); from += texts) {
            List<String> group = revisions.subList(from, from + texts);
            String base = from == 0 ? null : revisions.get(from - 1);
            byte[] pack = PackCodec.pack(group, base);
            List<byte[]> groupSalts = group.stream().map(text -> SealedPack.newSalt()).toList();
            byte[] seal = SealedPack.seal(key, "enwiki:Rio_Grande", groupSalts, pack);
            groups.add(group);
            bases.add(base);
            packs.add(pack);
            salts.add(groupSalts);
            sealed.add(seal);
            clear += pack.length;
            sealedBytes += seal.length;
        }
        System.out.printf("%n%d packs of %d revisions: %,d B packed, %,d B sealed (+%.2f %%)%n", packs.size(), texts,
                clear, sealedBytes, 100.0 * (sealedBytes - clear) / clear);
    }

    private int nextPack() {
        next = (next + 1) % packs.size();
        return next;
    }

    @Benchmark
    public byte[] pack() {
        int i = nextPack();
        return PackCodec.pack(groups.get(i), bases.get(i));
    }

    @Benchmark
    public byte[] seal() {
        int i = nextPack();
        return SealedPack.seal(key, "enwiki:Rio_Grande", salts.get(i), packs.get(i));
    }

    @Benchmark
    public List<String> unpack() {
        int i = nextPack();
        return PackCodec.unpack(packs.get(i), bases.get(i));
    }

    @Benchmark
    public SealedPack.Opened open() {
        int i = nextPack();
        return SealedPack.open(key, "enwiki:Rio_Grande", sealed.get(i));
    }
}
