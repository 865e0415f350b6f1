package dev.palimpsest.cli.verify;

import dev.palimpsest.tlog.Checkpoint;
import dev.palimpsest.tlog.CoveringCheckpoint;
import dev.palimpsest.tlog.InvalidProofException;
import dev.palimpsest.tlog.MerkleTree;
import dev.palimpsest.tlog.NoteSigner;
import dev.palimpsest.tlog.NoteVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verifier's side of the checkpoint covering every log: kept like a log's own, refused when it disagrees with
 * anything accepted before, and each log's checkpoint checked against it. The server is played by two in-memory
 * logs that give their consistency proofs, and by a forked copy of one of them.
 */
class CoveringCheckTest {

    private static final String FAMILY = "palimpsest.local/log";
    private static final String LOG_0 = FAMILY + "/0";
    private static final String LOG_1 = FAMILY + "/1";

    private final NoteSigner signer = NoteSigner.of(NoteSigner.generate("palimpsest.test/log", new SecureRandom())
            .signerKey());
    private final MerkleTree zero = tree("zero", 20);
    private final MerkleTree one = tree("one", 20);
    private final MerkleTree forked = tree("one", 10);

    @TempDir
    Path state;
    private SeenCheckpoints seen;
    private CoveringCheck covers;

    private static MerkleTree tree(String name, int leaves) {
        MerkleTree tree = new MerkleTree();
        for (int leaf = 0; leaf < leaves; leaf++) {
            tree.append((name + " " + leaf).getBytes());
        }
        return tree;
    }

    @BeforeEach
    void verifier() {
        forked.append("a rewritten past".getBytes());
        while (forked.size() < 20) {
            forked.append(("forked " + forked.size()).getBytes());
        }
        seen = new SeenCheckpoints(state, NoteVerifier.of(signer.verifierKey()));
        Map<String, MerkleTree> served = Map.of(LOG_0, zero, LOG_1, one);
        covers = new CoveringCheck(NoteVerifier.of(signer.verifierKey()), seen, new LogConsistency(
                (origin, smaller, larger) -> served.get(origin).consistencyProof(smaller, larger)));
    }

    private static Checkpoint log(String origin, MerkleTree tree, long size) {
        return new Checkpoint(origin, size, tree.root(size));
    }

    private String cover(Checkpoint... logs) {
        return signer.sign(new CoveringCheckpoint(FAMILY, List.of(logs)).checkpoint().body());
    }

    @Test
    void aCoverIsKeptAndOnlyOneFurtherOnReplacesIt() throws InvalidProofException {
        CoveringCheck.Accepted first = covers.accept(cover(log(LOG_0, zero, 5), log(LOG_1, one, 3)));
        assertTrue(first.first());
        CoveringCheck.Accepted grown = covers.accept(cover(log(LOG_0, zero, 9), log(LOG_1, one, 3)));
        assertFalse(grown.first());
        assertEquals(12, CoveringCheckpoint.of(seen.latest(FAMILY).orElseThrow().checkpoint()).totalSize());
        // an older cover (a read model behind) is consistent, and changes nothing kept
        assertDoesNotThrow(() -> covers.accept(cover(log(LOG_0, zero, 7), log(LOG_1, one, 3))));
        assertEquals(12, CoveringCheckpoint.of(seen.latest(FAMILY).orElseThrow().checkpoint()).totalSize());
        // a log begun since is covered from now on
        assertDoesNotThrow(() -> covers.accept(cover(log(LOG_0, zero, 9), log(LOG_1, one, 3),
                new Checkpoint(FAMILY + "/2", 0, new MerkleTree().root(0)))));
    }

    @Test
    void aCoverThatForksALogLeavesOneOutOrIsNotSignedIsRefused() throws InvalidProofException {
        covers.accept(cover(log(LOG_0, zero, 5), log(LOG_1, one, 12)));
        InvalidProofException fork = assertThrows(InvalidProofException.class,
                () -> covers.accept(cover(log(LOG_0, zero, 5), log(LOG_1, forked, 12))));
        assertTrue(fork.getMessage().startsWith(LOG_1 + " was forked or its past rewritten"), fork.getMessage());
        InvalidProofException left = assertThrows(InvalidProofException.class,
                () -> covers.accept(cover(log(LOG_0, zero, 6))));
        assertTrue(left.getMessage().contains("leaves out " + LOG_1), left.getMessage());
        NoteSigner stranger = NoteSigner.of(NoteSigner.generate("palimpsest.test/log", new SecureRandom())
                .signerKey());
        assertThrows(InvalidProofException.class, () -> covers.accept(stranger.sign(new CoveringCheckpoint(FAMILY,
                List.of(log(LOG_0, zero, 6), log(LOG_1, one, 12))).checkpoint().body())));
        // a log's own checkpoint signed alone is no cover
        assertThrows(InvalidProofException.class, () -> covers.accept(signer.sign(log(LOG_0, zero, 6).body())));
        assertEquals(17, CoveringCheckpoint.of(seen.latest(FAMILY).orElseThrow().checkpoint()).totalSize());
    }

    @Test
    void aCoverInconsistentWithALogsKeptCheckpointIsRefused() throws InvalidProofException {
        Checkpoint kept = log(LOG_1, one, 15);
        seen.keep(kept, signer.sign(kept.body()));
        assertThrows(InvalidProofException.class,
                () -> covers.accept(cover(log(LOG_0, zero, 5), log(LOG_1, forked, 18))));
        assertTrue(seen.latest(FAMILY).isEmpty(), "nothing kept of a refused cover");
        assertDoesNotThrow(() -> covers.accept(cover(log(LOG_0, zero, 5), log(LOG_1, one, 18))));
    }

    @Test
    void aLogsCheckpointIsCheckedAgainstTheCover() throws InvalidProofException {
        CoveringCheckpoint cover = covers.accept(cover(log(LOG_0, zero, 5), log(LOG_1, one, 12))).cover();
        assertDoesNotThrow(() -> covers.check(cover, log(LOG_1, one, 16)));
        assertDoesNotThrow(() -> covers.check(cover, log(LOG_1, one, 12)));
        assertThrows(InvalidProofException.class, () -> covers.check(cover, log(LOG_1, forked, 12)));
        assertThrows(InvalidProofException.class, () -> covers.check(cover, log(LOG_1, forked, 16)));
        // a log the cover does not know is left to its own checks
        assertDoesNotThrow(() -> covers.check(cover, new Checkpoint(FAMILY + "/7", 1, zero.root(1))));
    }
}
