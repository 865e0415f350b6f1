package dev.palimpsest.cli.verify;

import dev.palimpsest.client.query.model.Author;
import dev.palimpsest.client.query.model.Revision;
import dev.palimpsest.client.query.model.RevisionLeaf;
import dev.palimpsest.client.query.model.RevisionProof;
import dev.palimpsest.tlog.Checkpoint;
import dev.palimpsest.tlog.InvalidProofException;
import dev.palimpsest.tlog.MerkleTree;
import dev.palimpsest.tlog.NoteSigner;
import dev.palimpsest.tlog.NoteVerifier;
import dev.palimpsest.tlog.leaves.Commitment;
import dev.palimpsest.tlog.leaves.LeafSalts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verifier's checks without a server: a revision's text against its leaf's commitment, its fields against the
 * leaf in the signed tree; and the checkpoints it keeps, which a hand-edited file cannot replace.
 */
class RevisionCheckTest {

    private static final String ARTICLE = "jasic-workers-solidarity-group";
    private static final byte[] TEXT = "The Jasic Workers Solidarity Group 佳士\n".getBytes(StandardCharsets.UTF_8);

    private final LeafSalts salts = LeafSalts.fresh();
    private final Base64.Encoder base64 = Base64.getEncoder();

    /** Revision 2's proof as query-service gives it, in a log whose other leaves are anything. */
    private RevisionProof proof(MerkleTree tree, int size) {
        RevisionLeaf fields = new RevisionLeaf().submissionId(UUID.fromString("11111111-2222-3333-4444-555555555555"))
                .pageTitle("Jasic Workers Solidarity Group")
                .revTimestamp(OffsetDateTime.parse("2019-01-01T00:00:00Z")).revId(42L).revParentId(41L)
                .performerId(7L).performerText("Ann").comment("copyedit").textHidden(false).commentHidden(false)
                .performerHidden(false).archivedAt(OffsetDateTime.parse("2024-05-01T10:00:00.123456Z"))
                .textSalt(base64.encodeToString(salts.text())).commentSalt(base64.encodeToString(salts.comment()))
                .performerSalt(base64.encodeToString(salts.performer()))
                .textCommitment(base64.encodeToString(Commitment.of(salts.text(), TEXT)));
        RevisionProof proof = new RevisionProof().articleKey(ARTICLE).revSeq(2).log(0).index(1L).leaf(fields)
                .treeSize((long) size);
        tree.appendHash(dev.palimpsest.tlog.TreeHashing.leaf("leaf 0".getBytes(StandardCharsets.UTF_8)));
        tree.append(leafOf(proof).encode());
        for (int i = 2; i < size; i++) {
            tree.appendHash(dev.palimpsest.tlog.TreeHashing.leaf(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return proof.inclusion(tree.inclusionProof(1, size).stream().map(base64::encodeToString).toList());
    }

    private dev.palimpsest.tlog.leaves.RevisionLeaf leafOf(RevisionProof proof) {
        RevisionLeaf fields = proof.getLeaf();
        return new dev.palimpsest.tlog.leaves.RevisionLeaf(ARTICLE, 2, fields.getSubmissionId(),
                fields.getPageTitle(), fields.getRevTimestamp().toInstant(), fields.getRevId(),
                fields.getRevParentId(), Commitment.of(salts.performer(),
                dev.palimpsest.tlog.leaves.RevisionLeaf.performerValue(7L, "Ann")),
                Commitment.of(salts.comment(), dev.palimpsest.tlog.leaves.RevisionLeaf.commentValue("copyedit")),
                Commitment.of(salts.text(), TEXT), false, false, false, fields.getArchivedAt().toInstant());
    }

    @Test
    void aRevisionAsArchivedVerifiesAndAnyChangeIsNamed() {
        MerkleTree tree = new MerkleTree();
        RevisionProof proof = proof(tree, 7);
        Checkpoint checkpoint = new Checkpoint("palimpsest.local/log/0", 7, tree.root(7));
        assertDoesNotThrow(() -> RevisionCheck.verify(ARTICLE, 2, proof, TEXT, checkpoint));
        assertDoesNotThrow(() -> RevisionCheck.verify(ARTICLE, 2, proof, null, checkpoint),
                "a text not served (redacted) is checked by its commitment");

        InvalidProofException text = assertThrows(InvalidProofException.class, () -> RevisionCheck.verify(ARTICLE, 2,
                proof, "The group never existed.".getBytes(StandardCharsets.UTF_8), checkpoint));
        assertTrue(text.getMessage().contains("its text is not the text the log holds"), text.getMessage());

        proof.getLeaf().comment("vandalism");
        InvalidProofException comment = assertThrows(InvalidProofException.class,
                () -> RevisionCheck.verify(ARTICLE, 2, proof, TEXT, checkpoint));
        assertTrue(comment.getMessage().contains("not those of leaf 1 of palimpsest.local/log/0"), comment.getMessage());
        proof.getLeaf().comment("copyedit");

        assertThrows(InvalidProofException.class, () -> RevisionCheck.verify(ARTICLE, 3, proof, TEXT, checkpoint),
                "the proof of another revision");
        assertThrows(InvalidProofException.class, () -> RevisionCheck.verify(ARTICLE, 2, proof, TEXT,
                new Checkpoint("palimpsest.local/log/0", 8, tree.root(7))), "a checkpoint of another size");
    }

    @Test
    void whatTheServiceShowsItsReadersMustBeWhatItsLeafSays() {
        RevisionProof proof = proof(new MerkleTree(), 3);
        Revision served = new Revision().articleKey(ARTICLE).revSeq(2).title("Jasic Workers Solidarity Group")
                .revTimestamp(OffsetDateTime.parse("2019-01-01T00:00:00Z")).revId(42L).revParentId(41L)
                .author(new Author().userId(7L).userText("Ann")).comment("copyedit")
                .archivedAt(OffsetDateTime.parse("2024-05-01T10:00:00.123456Z"));
        assertDoesNotThrow(() -> RevisionCheck.sameAsServed(proof, served));
        served.comment("nothing happened");
        InvalidProofException changed = assertThrows(InvalidProofException.class,
                () -> RevisionCheck.sameAsServed(proof, served));
        assertEquals("the revision served says its comment is 'nothing happened', its leaf in the log says"
                + " 'copyedit'", changed.getMessage());
    }

    @Test
    void aKeptCheckpointIsReadBackAndAHandEditedOneIsRefused(@TempDir Path state) throws Exception {
        NoteSigner signer = NoteSigner.of(NoteSigner.generate("palimpsest.test/log", new SecureRandom()).signerKey());
        NoteVerifier verifier = NoteVerifier.of(signer.verifierKey());
        SeenCheckpoints seen = new SeenCheckpoints(state, verifier);
        String origin = "palimpsest.local/log/0";
        assertTrue(seen.latest(origin).isEmpty());
        MerkleTree tree = new MerkleTree();
        tree.append(new byte[] {1});
        tree.append(new byte[] {2});
        String one = signer.sign(new Checkpoint(origin, 1, tree.root(1)).body());
        String two = signer.sign(new Checkpoint(origin, 2, tree.root(2)).body());
        seen.keep(new Checkpoint(origin, 2, tree.root(2)), two);
        seen.keep(new Checkpoint(origin, 1, tree.root(1)), one); // an older one, from a run that was slower: the larger is kept
        assertEquals(2, seen.latest(origin).orElseThrow().checkpoint().size());
        // another key's log of the same name is another log
        NoteVerifier other = NoteVerifier.of(NoteSigner.generate("palimpsest.test/log", new SecureRandom())
                .verifierKey());
        assertTrue(new SeenCheckpoints(state, other).latest(origin).isEmpty());
        Path file = seen.file(origin);
        Files.writeString(file, two.replace("\n2\n", "\n3\n"));
        assertThrows(InvalidProofException.class, () -> seen.latest(origin));
        assertEquals(state.resolve("log-checkpoints"), file.getParent().getParent());
        assertEquals("palimpsest.local%2Flog%2F0", file.getFileName().toString());
    }
}
