package dev.palimpsest.tlog;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checkpoint that covers every log of an archive (ADR 0040 decision 2). */
class CoveringCheckpointTest {

    private static final String FAMILY = "archive.example/log";

    private static Checkpoint log(int id, long size) {
        MerkleTree tree = new MerkleTree();
        for (long leaf = 0; leaf < size; leaf++) {
            tree.append(("log " + id + " leaf " + leaf).getBytes(StandardCharsets.UTF_8));
        }
        return new Checkpoint(FAMILY + "/" + id, size, tree.root(size));
    }

    @Test
    void itIsACheckpointOfItsLogLinesAndReadsBackAsSigned() throws InvalidProofException {
        CoveringCheckpoint cover = new CoveringCheckpoint(FAMILY, List.of(log(0, 5), log(1, 0), log(2, 300)));
        Checkpoint checkpoint = cover.checkpoint();
        assertEquals(FAMILY, checkpoint.origin());
        assertEquals(3, checkpoint.size());
        assertEquals(FAMILY + "/2 300 " + java.util.Base64.getEncoder().encodeToString(log(2, 300).rootHash()),
                checkpoint.extensions().get(2));
        assertEquals(305, cover.totalSize());

        NoteSigner signer = NoteSigner.of(NoteSigner.generate("archive.example", new SecureRandom()).signerKey());
        String note = signer.sign(checkpoint.body());
        CoveringCheckpoint read = CoveringCheckpoint.of(Checkpoint.parse(NoteVerifier.of(signer.verifierKey())
                .open(note)));
        assertEquals(cover, read);
        assertEquals(log(2, 300), read.log(FAMILY + "/2").orElseThrow());
        assertTrue(read.log(FAMILY + "/3").isEmpty());
    }

    @Test
    void oneLogsLineIsProvenFromTheRootAlone() throws InvalidProofException {
        CoveringCheckpoint cover = new CoveringCheckpoint(FAMILY, List.of(log(0, 1), log(1, 2), log(2, 3)));
        Checkpoint checkpoint = cover.checkpoint();
        MerkleTree lines = new MerkleTree();
        checkpoint.extensions().forEach(line -> lines.append(line.getBytes(StandardCharsets.UTF_8)));
        byte[] leaf = TreeHashing.leaf(checkpoint.extensions().get(1).getBytes(StandardCharsets.UTF_8));
        ProofVerifier.verifyInclusion(1, 3, leaf, lines.inclusionProof(1, 3), checkpoint.rootHash());
    }

    @Test
    void aCheckpointWhoseLinesDisagreeWithItsSizeOrRootIsRefused() {
        Checkpoint honest = new CoveringCheckpoint(FAMILY, List.of(log(0, 4), log(1, 7))).checkpoint();
        List<String> lines = honest.extensions();
        // a log line changed after the root was made
        Checkpoint changedLine = new Checkpoint(FAMILY, 2, honest.rootHash(),
                List.of(lines.get(0), lines.get(1).replace(" 7 ", " 6 ")));
        assertTrue(assertThrows(InvalidProofException.class, () -> CoveringCheckpoint.of(changedLine)).getMessage()
                .contains("root"));
        // a log left out
        Checkpoint dropped = new Checkpoint(FAMILY, 2, honest.rootHash(), List.of(lines.get(0)));
        assertTrue(assertThrows(InvalidProofException.class, () -> CoveringCheckpoint.of(dropped)).getMessage()
                .contains("size"));
        // a per-log checkpoint is no covering one
        assertThrows(InvalidProofException.class, () -> CoveringCheckpoint.of(log(0, 4)));
    }

    @Test
    void aLogOfAnotherFamilyOrTwiceOrMalformedIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CoveringCheckpoint(FAMILY,
                List.of(new Checkpoint("other.example/log/0", 1, log(0, 1).rootHash()))));
        assertThrows(IllegalArgumentException.class, () -> new CoveringCheckpoint(FAMILY, List.of(log(0, 1),
                log(0, 2))));
        for (String line : List.of(FAMILY + "/0 1", FAMILY + "/0 one " + "A".repeat(43) + "=",
                FAMILY + "/0 1 notbase64", FAMILY + "/0  1 x")) {
            MerkleTree tree = new MerkleTree();
            tree.append(line.getBytes(StandardCharsets.UTF_8));
            Checkpoint malformed = new Checkpoint(FAMILY, 1, tree.root(1), List.of(line));
            assertThrows(InvalidProofException.class, () -> CoveringCheckpoint.of(malformed), line);
        }
    }

    @Test
    void noLogsYetIsTheEmptyTree() throws InvalidProofException {
        Checkpoint empty = new CoveringCheckpoint(FAMILY, List.of()).checkpoint();
        assertEquals(0, empty.size());
        assertArrayEquals(TreeHashing.emptyRoot(), empty.rootHash());
        assertEquals(0, CoveringCheckpoint.of(empty).logs().size());
    }
}
