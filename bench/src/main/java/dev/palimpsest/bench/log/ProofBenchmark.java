package dev.palimpsest.bench.log;

import dev.palimpsest.tlog.InvalidProofException;
import dev.palimpsest.tlog.MerkleTree;
import dev.palimpsest.tlog.ProofVerifier;
import dev.palimpsest.tlog.TreeHashing;
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

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What M8's proofs cost a verifier and the log (issue 15: for a 1 M-leaf log, an inclusion proof under 1 KB, verified
 * in under 1 ms): a tree of {@code leaves} leaves in memory, then per operation one random leaf's inclusion proof or
 * one random pair of sizes' consistency proof, made or verified. The setup prints the proofs' sizes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ProofBenchmark {

    /** Proofs drawn before measuring, cycled through, so the measured work is the proof's alone. */
    private static final int SAMPLES = 1024;

    @Param({"1000000"})
    public int leaves;

    private MerkleTree tree;
    private byte[] root;
    private final long[] indexes = new long[SAMPLES];
    private final byte[][] leafHashes = new byte[SAMPLES][];
    @SuppressWarnings("unchecked")
    private final List<byte[]>[] inclusionProofs = new List[SAMPLES];
    private final long[] firstSizes = new long[SAMPLES];
    private final byte[][] firstRoots = new byte[SAMPLES][];
    @SuppressWarnings("unchecked")
    private final List<byte[]>[] consistencyProofs = new List[SAMPLES];
    private int next;

    @Setup(Level.Trial)
    public void grow() {
        tree = new MerkleTree();
        for (int i = 0; i < leaves; i++) {
            tree.append(ByteBuffer.allocate(8).putLong(i).array());
        }
        root = tree.root(leaves);
        SplittableRandom random = new SplittableRandom(15);
        int largestInclusion = 0;
        int largestConsistency = 0;
        for (int i = 0; i < SAMPLES; i++) {
            indexes[i] = random.nextLong(leaves);
            leafHashes[i] = TreeHashing.leaf(ByteBuffer.allocate(8).putLong(indexes[i]).array());
            inclusionProofs[i] = tree.inclusionProof(indexes[i], leaves);
            firstSizes[i] = 1 + random.nextLong(leaves - 1);
            firstRoots[i] = tree.root(firstSizes[i]);
            consistencyProofs[i] = tree.consistencyProof(firstSizes[i], leaves);
            largestInclusion = Math.max(largestInclusion, inclusionProofs[i].size());
            largestConsistency = Math.max(largestConsistency, consistencyProofs[i].size());
        }
        System.out.printf("%n%,d leaves: inclusion proofs of at most %d hashes (%d B), consistency proofs of at most"
                        + " %d hashes (%d B)%n", leaves, largestInclusion, largestInclusion * TreeHashing.HASH_SIZE,
                largestConsistency, largestConsistency * TreeHashing.HASH_SIZE);
    }

    @Benchmark
    public int verifyInclusion() throws InvalidProofException {
        int i = next++ & (SAMPLES - 1);
        ProofVerifier.verifyInclusion(indexes[i], leaves, leafHashes[i], inclusionProofs[i], root);
        return i;
    }

    @Benchmark
    public int verifyConsistency() throws InvalidProofException {
        int i = next++ & (SAMPLES - 1);
        ProofVerifier.verifyConsistency(firstSizes[i], leaves, consistencyProofs[i], firstRoots[i], root);
        return i;
    }

    @Benchmark
    public List<byte[]> makeInclusionProof() {
        return tree.inclusionProof(indexes[next++ & (SAMPLES - 1)], leaves);
    }

    @Benchmark
    public List<byte[]> makeConsistencyProof() {
        return tree.consistencyProof(firstSizes[next++ & (SAMPLES - 1)], leaves);
    }
}
