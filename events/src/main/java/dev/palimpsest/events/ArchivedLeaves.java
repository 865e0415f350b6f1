package dev.palimpsest.events;

import dev.palimpsest.tlog.leaves.ArchiveLeaf;
import dev.palimpsest.tlog.leaves.Commitment;
import dev.palimpsest.tlog.leaves.DuplicateLeaf;
import dev.palimpsest.tlog.leaves.LeafSalts;
import dev.palimpsest.tlog.leaves.RedactionLeaf;
import dev.palimpsest.tlog.leaves.RevisionLeaf;

import java.security.MessageDigest;

/**
 * The leaf of the transparency log an archived event answers for (ADR 0041), made of the event's own fields: what a
 * reader of the archived topic recomputes and appends to its copy of the log, and what a verifier recomputes from a
 * revision it was given. Trusts nothing of the archive's but the fields: a leaf made of a wrong field has another
 * hash, and the log's signed head then disagrees.
 */
public final class ArchivedLeaves {

    private ArchivedLeaves() {
    }

    /**
     * The leaf of a new revision, with the commitment to its text its answer carries. A verifier that has the text
     * checks it against that commitment first ({@link #commitsTo}).
     */
    public static RevisionLeaf of(RevisionArchived revision) {
        LogLeaf leaf = requireLeaf(revision);
        if (leaf.salts() == null) {
            throw new IllegalArgumentException("revision " + revision.articleKey() + " #" + revision.revSeq()
                    + " carries no salts: its leaf cannot be recomputed");
        }
        LeafSalts salts = LeafSalts.of(leaf.salts());
        Provenance provenance = revision.provenance();
        Performer performer = provenance.performer();
        Visibility visibility = revision.visibility() == null ? Visibility.VISIBLE : revision.visibility();
        if (visibility.textHidden() != (leaf.textCommitment() == null)) {
            throw new IllegalArgumentException("revision " + revision.articleKey() + " #" + revision.revSeq()
                    + (visibility.textHidden() ? " was hidden at the source, yet commits to a text"
                    : " carries no commitment to its text"));
        }
        return new RevisionLeaf(revision.articleKey(), revision.revSeq(), revision.submissionId(),
                provenance.pageTitle(), provenance.revTimestamp(), provenance.revId(), provenance.revParentId(),
                Commitment.of(salts.performer(), performer == null ? null
                        : RevisionLeaf.performerValue(performer.userId(), performer.userText())),
                Commitment.of(salts.comment(), RevisionLeaf.commentValue(provenance.comment())),
                leaf.textCommitment(), visibility.textHidden(), visibility.commentHidden(),
                visibility.performerHidden(), revision.archivedAt());
    }

    /**
     * Whether {@code textUtf8} is the text {@code revision}'s leaf commits to, with the salt its answer carries
     * (answers of revisions whose text was stored before texts were sealed) or, else, {@code sealedSalt}: the one
     * sealed with the text in its pack (ADR 0042).
     */
    public static boolean commitsTo(RevisionArchived revision, byte[] sealedSalt, byte[] textUtf8) {
        LogLeaf leaf = requireLeaf(revision);
        if (leaf.salts() == null || leaf.textCommitment() == null || textUtf8 == null) {
            return false;
        }
        byte[] salt = LeafSalts.of(leaf.salts()).text();
        if (salt == null) {
            salt = sealedSalt;
        }
        return salt != null && MessageDigest.isEqual(leaf.textCommitment(), Commitment.of(salt, textUtf8));
    }

    /** The leaf of any answer: a revision, a duplicate, a redaction, a rejected redaction. */
    public static ArchiveLeaf of(ArchiveEvent answer) {
        requireLeaf(answer);
        if (answer instanceof SubmissionDeduplicated duplicate) {
            return new DuplicateLeaf(duplicate.articleKey(), duplicate.revSeq(), duplicate.submissionId(),
                    duplicate.receivedAt());
        }
        if (answer instanceof RevisionRedacted redacted) {
            // the archive's outcome: an erasure (ADR 0042) is a redaction that erased
            return new RedactionLeaf(redacted.requestId(), redacted.articleKey(), redacted.revSeq(),
                    redacted.erasure() != null ? "ERASED" : "REDACTED",
                    redacted.reason(), userId(redacted.performer()), userText(redacted.performer()),
                    redacted.requestedAt(), redacted.redactedAt(), null);
        }
        if (answer instanceof RedactionRejected rejected) {
            return new RedactionLeaf(rejected.requestId(), rejected.articleKey(), rejected.revSeq(), "REJECTED",
                    rejected.reason(), userId(rejected.performer()), userText(rejected.performer()),
                    rejected.requestedAt(), rejected.recordedAt(), rejected.detail());
        }
        if (answer instanceof RevisionArchived revision) {
            return of(revision);
        }
        throw new IllegalArgumentException(answer.getClass().getSimpleName() + " is no leaf of the log");
    }

    private static LogLeaf requireLeaf(ArchiveEvent answer) {
        if (answer.leaf() == null) {
            throw new IllegalArgumentException(answer.getClass().getSimpleName() + " " + answer.articleKey() + " #"
                    + answer.revSeq() + " is no leaf of the transparency log");
        }
        return answer.leaf();
    }

    private static Long userId(Performer performer) {
        return performer == null ? null : performer.userId();
    }

    private static String userText(Performer performer) {
        return performer == null ? null : performer.userText();
    }
}
