package dev.palimpsest.cli.verify;

import dev.palimpsest.client.query.model.Author;
import dev.palimpsest.client.query.model.Revision;
import dev.palimpsest.client.query.model.RevisionLeaf;
import dev.palimpsest.client.query.model.RevisionProof;
import dev.palimpsest.tlog.Checkpoint;
import dev.palimpsest.tlog.InvalidProofException;
import dev.palimpsest.tlog.ProofVerifier;
import dev.palimpsest.tlog.leaves.Commitment;

import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Checks one revision against a checkpoint the verifier accepted: its text against the commitment its leaf holds,
 * its leaf recomputed from its fields (ADR 0041), and the inclusion proof of that leaf in the checkpoint's tree. Uses
 * nothing of the server's but what it proves.
 */
public final class RevisionCheck {

    private RevisionCheck() {
    }

    /**
     * Verifies {@code proof} of revision {@code revSeq} of {@code articleKey} against {@code checkpoint}.
     *
     * @param text the revision's text as the server served it, or null when it serves none (hidden at the source,
     *             or redacted): the leaf is then checked with the commitment alone
     * @throws InvalidProofException saying what does not match
     */
    public static void verify(String articleKey, int revSeq, RevisionProof proof, byte[] text, Checkpoint checkpoint)
            throws InvalidProofException {
        if (!articleKey.equals(proof.getArticleKey()) || proof.getRevSeq() == null || proof.getRevSeq() != revSeq) {
            throw new InvalidProofException("the server answered with the proof of another revision ("
                    + proof.getArticleKey() + " #" + proof.getRevSeq() + ")");
        }
        if (proof.getTreeSize() == null || proof.getTreeSize() != checkpoint.size()) {
            throw new InvalidProofException("the proof is for a tree of " + proof.getTreeSize()
                    + " leaves, the checkpoint's has " + checkpoint.size());
        }
        RevisionLeaf fields = proof.getLeaf();
        Base64.Decoder base64 = Base64.getDecoder();
        byte[] textCommitment = fields.getTextCommitment() == null ? null : base64.decode(fields.getTextCommitment());
        if (text != null && (textCommitment == null || fields.getTextSalt() == null
                || !MessageDigest.isEqual(textCommitment, Commitment.of(base64.decode(fields.getTextSalt()), text)))) {
            throw new InvalidProofException("its text is not the text the log holds for it (leaf "
                    + proof.getIndex() + "): the text served was changed");
        }
        dev.palimpsest.tlog.leaves.RevisionLeaf leaf = new dev.palimpsest.tlog.leaves.RevisionLeaf(articleKey, revSeq,
                fields.getSubmissionId(), fields.getPageTitle(), instant(fields.getRevTimestamp()),
                fields.getRevId(), fields.getRevParentId(),
                Commitment.of(base64.decode(fields.getPerformerSalt()),
                        dev.palimpsest.tlog.leaves.RevisionLeaf.performerValue(fields.getPerformerId(),
                                fields.getPerformerText())),
                Commitment.of(base64.decode(fields.getCommentSalt()),
                        dev.palimpsest.tlog.leaves.RevisionLeaf.commentValue(fields.getComment())),
                textCommitment, Boolean.TRUE.equals(fields.getTextHidden()),
                Boolean.TRUE.equals(fields.getCommentHidden()), Boolean.TRUE.equals(fields.getPerformerHidden()),
                instant(fields.getArchivedAt()));
        List<byte[]> inclusion = proof.getInclusion().stream().map(base64::decode).toList();
        try {
            ProofVerifier.verifyInclusion(proof.getIndex(), checkpoint.size(), leaf.hash(), inclusion,
                    checkpoint.rootHash());
        } catch (InvalidProofException e) {
            throw new InvalidProofException("its fields are not those of leaf " + proof.getIndex() + " of "
                    + checkpoint.origin() + " in the tree of " + checkpoint.size() + " leaves (" + e.getMessage()
                    + "): the revision served was changed, or is not in the log");
        }
    }

    /**
     * That the revision as the service shows it to everyone ({@code GET /articles/{key}/revisions/{n}}) says what its
     * proven leaf says: title, times, source ids, author, comment. A service that serves honest fields to the proof
     * and others to its readers is caught here.
     */
    public static void sameAsServed(RevisionProof proof, Revision served) throws InvalidProofException {
        RevisionLeaf proven = proof.getLeaf();
        Author author = served.getAuthor();
        differs("title", proven.getPageTitle(), served.getTitle());
        differs("edit time", instant(proven.getRevTimestamp()), instant(served.getRevTimestamp()));
        differs("archive time", instant(proven.getArchivedAt()), instant(served.getArchivedAt()));
        differs("source revision id", proven.getRevId(), served.getRevId());
        differs("source parent id", proven.getRevParentId(), served.getRevParentId());
        differs("author", proven.getPerformerText(), author == null ? null : author.getUserText());
        differs("author id", proven.getPerformerId(), author == null ? null : author.getUserId());
        differs("comment", proven.getComment(), served.getComment());
    }

    private static void differs(String field, Object proven, Object served) throws InvalidProofException {
        if (!Objects.equals(proven, served)) {
            throw new InvalidProofException("the revision served says its " + field + " is " + quoted(served)
                    + ", its leaf in the log says " + quoted(proven));
        }
    }

    private static String quoted(Object value) {
        return value == null ? "none" : "'" + value + "'";
    }

    /** As the archive wrote it: microseconds (the JSON may say less, never more). */
    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant().truncatedTo(ChronoUnit.MICROS);
    }
}
