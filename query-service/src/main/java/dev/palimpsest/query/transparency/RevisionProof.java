package dev.palimpsest.query.transparency;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A revision's place in the archive's transparency log and the proof that it is there (ADR 0040, 0041): the fields
 * its leaf is made of, the signed checkpoint the proof is against, and the inclusion proof. A client recomputes the
 * leaf (with the text it read, against {@code textCommitment}), checks the proof against the checkpoint's root, and
 * the checkpoint's signature with the log's verifier key: it trusts nothing of this answer without those checks.
 */
@Schema(name = "RevisionProof", description = "A revision, the fields of its leaf in the transparency log, and the"
        + " proof that the leaf is in the log's tree at a signed checkpoint")
public record RevisionProof(
        @Schema(description = "The article", example = "enwiki:12345") String articleKey,
        @Schema(description = "The revision's sequence number", example = "3") int revSeq,
        @Schema(description = "Which log: the partition of the submitted topic it was archived from") int log,
        @Schema(description = "The leaf's index in that log") long index,
        @Schema(description = "The fields of the leaf (leaf encoding palimpsest:leaf:v1, ADR 0041)") Leaf leaf,
        @Schema(description = "The signed checkpoint (C2SP tlog-checkpoint in a signed note) the proof is against")
        String checkpoint,
        @Schema(description = "The tree size of that checkpoint") long treeSize,
        @Schema(description = "The inclusion proof (RFC 9162 §2.1.3), base64 SHA-256 hashes, leaf to root")
        List<String> inclusion,
        @Schema(description = "When the revision's text was redacted (it is then no longer served; the leaf still"
                + " verifies with its commitment); null if it was not") Instant redactedAt,
        @Schema(description = "The redaction (its request id) that erased the revision's text for good (ADR 0042):"
                + " no copy of it is left to serve, and the leaf verifies with its commitment alone; null if it was"
                + " not erased") java.util.UUID erasedBy) {

    /** What the leaf commits to, as the read model holds it; salts and commitments in base64. */
    @Schema(name = "RevisionLeaf")
    public record Leaf(UUID submissionId, String pageTitle, Instant revTimestamp, Long revId, Long revParentId,
                       Long performerId, String performerText, String comment, boolean textHidden,
                       boolean commentHidden, boolean performerHidden, Instant archivedAt,
                       @Schema(description = "Salt of the text's commitment; null when the text is not served"
                               + " (redacted, erased) or was hidden at the source") String textSalt,
                       @Schema(description = "Salt of the comment's commitment") String commentSalt,
                       @Schema(description = "Salt of the performer's commitment") String performerSalt,
                       @Schema(description = "SHA-256(text salt || the text's UTF-8 bytes); null when the text was"
                               + " hidden at the source") String textCommitment) {
    }
}
