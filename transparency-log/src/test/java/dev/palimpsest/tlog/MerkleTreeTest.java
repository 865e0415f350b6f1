package dev.palimpsest.tlog;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trees of every size up to a few hundred leaves: heads equal the recursive definition of RFC 9162 §2.1.1, every
 * proof the tree makes verifies, and any change to a proof, a size, an index, a leaf or a root is refused.
 */
class MerkleTreeTest {

    private static final int LARGEST = 300;

    private final MerkleTree tree = new MerkleTree();
    private final List<byte[]> leaves = new ArrayList<>();

    MerkleTreeTest() {
        for (int i = 0; i < LARGEST; i++) {
            byte[] leaf = ("revision " + i).getBytes(StandardCharsets.UTF_8);
            leaves.add(leaf);
            tree.append(leaf);
        }
    }

    @Test
    void everyHeadIsTheTreeHashOfItsLeaves() {
        for (int size = 0; size <= LARGEST; size++) {
            assertArrayEquals(definition(leaves.subList(0, size)), tree.root(size), "size " + size);
        }
    }

    @Test
    void everyInclusionProofVerifiesAndNoAlteredOneDoes() {
        Random random = new Random(9162);
        for (int size = 1; size <= LARGEST; size += 1 + size / 8) {
            byte[] root = tree.root(size);
            for (int index = 0; index < size; index += 1 + size / 16) {
                long i = index;
                long n = size;
                byte[] leaf = TreeHashing.leaf(leaves.get(index));
                List<byte[]> proof = tree.inclusionProof(i, n);
                assertDoesNotThrow(() -> ProofVerifier.verifyInclusion(i, n, leaf, proof, root), i + " in " + n);
                assertTrue(proof.size() <= 64 - Long.numberOfLeadingZeros(n), "log-sized proof");

                refused(() -> ProofVerifier.verifyInclusion(i, n, flipped(leaf, random), proof, root));
                refused(() -> ProofVerifier.verifyInclusion(i, n, leaf, proof, flipped(root, random)));
                // (another tree size may lead to the same root: the size is what a signed checkpoint pins)
                if (n > 1) {
                    refused(() -> ProofVerifier.verifyInclusion((i + 1) % n, n, leaf, proof, root));
                    refused(() -> ProofVerifier.verifyInclusion(i, n, leaf, altered(proof, random), root));
                    refused(() -> ProofVerifier.verifyInclusion(i, n, leaf, proof.subList(1, proof.size()), root));
                }
                refused(() -> ProofVerifier.verifyInclusion(i, n, leaf, longer(proof), root));
            }
        }
    }

    @Test
    void everyConsistencyProofVerifiesAndNoAlteredOneDoes() {
        Random random = new Random(6962);
        for (int size2 = 1; size2 <= LARGEST; size2 += 1 + size2 / 8) {
            byte[] root2 = tree.root(size2);
            for (int size1 = 1; size1 <= size2; size1 += 1 + size1 / 4) {
                long m = size1;
                long n = size2;
                byte[] root1 = tree.root(size1);
                List<byte[]> proof = tree.consistencyProof(m, n);
                assertDoesNotThrow(() -> ProofVerifier.verifyConsistency(m, n, proof, root1, root2), m + " to " + n);

                refused(() -> ProofVerifier.verifyConsistency(m, n, proof, flipped(root1, random), root2));
                refused(() -> ProofVerifier.verifyConsistency(m, n, proof, root1, flipped(root2, random)));
                refused(() -> ProofVerifier.verifyConsistency(m, n, longer(proof), root1, root2));
                if (m < n) {
                    refused(() -> ProofVerifier.verifyConsistency(m, n, altered(proof, random), root1, root2));
                    refused(() -> ProofVerifier.verifyConsistency(m, n, proof.subList(1, proof.size()), root1,
                            root2));
                    refused(() -> ProofVerifier.verifyConsistency(m + 1, n, proof, root1, root2));
                }
            }
        }
    }

    @Test
    void aRewrittenPastIsAFork() {
        MerkleTree rewritten = new MerkleTree();
        for (int i = 0; i < 100; i++) {
            rewritten.append(i == 40 ? "vandalised".getBytes(StandardCharsets.UTF_8) : leaves.get(i));
        }
        for (int i = 100; i < 200; i++) {
            rewritten.append(leaves.get(i));
        }
        // the honest head at 50 leaves is not extended by the rewritten tree at 200, whatever proof it makes
        refused(() -> ProofVerifier.verifyConsistency(50, 200, rewritten.consistencyProof(50, 200), tree.root(50),
                rewritten.root(200)));
        refused(() -> ProofVerifier.verifyConsistency(100, 100, List.of(), tree.root(100), rewritten.root(100)));
    }

    @Test
    void proofsAreAskedOnlyOfTreesTheTreeHas() {
        assertThrows(IllegalArgumentException.class, () -> tree.root(LARGEST + 1));
        assertThrows(IllegalArgumentException.class, () -> tree.inclusionProof(5, 5));
        assertThrows(IllegalArgumentException.class, () -> tree.consistencyProof(0, 5));
        assertThrows(IllegalArgumentException.class, () -> tree.consistencyProof(6, 5));
    }

    /** MTH of RFC 9162 §2.1.1, written as the RFC writes it. */
    private static byte[] definition(List<byte[]> leaves) {
        int n = leaves.size();
        if (n == 0) {
            return TreeHashing.emptyRoot();
        }
        if (n == 1) {
            return TreeHashing.leaf(leaves.get(0));
        }
        int k = Integer.highestOneBit(n - 1);
        return TreeHashing.node(definition(leaves.subList(0, k)), definition(leaves.subList(k, n)));
    }

    private static void refused(org.junit.jupiter.api.function.Executable check) {
        assertThrows(InvalidProofException.class, check);
    }

    private static byte[] flipped(byte[] hash, Random random) {
        byte[] copy = hash.clone();
        copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        return copy;
    }

    private static List<byte[]> altered(List<byte[]> proof, Random random) {
        List<byte[]> copy = new ArrayList<>(proof);
        int entry = random.nextInt(copy.size());
        copy.set(entry, flipped(copy.get(entry), random));
        return copy;
    }

    private static List<byte[]> longer(List<byte[]> proof) {
        List<byte[]> copy = new ArrayList<>(proof);
        byte[] extra = new byte[TreeHashing.HASH_SIZE];
        Arrays.fill(extra, (byte) 7);
        copy.add(extra);
        return copy;
    }
}
