package dev.palimpsest.tlog.leaves;

import java.time.Instant;
import java.util.UUID;

/** A submission the archive found it already held, as revision {@code revSeq} of the article: no new revision. */
public record DuplicateLeaf(String articleKey, int revSeq, UUID submissionId, Instant receivedAt)
        implements ArchiveLeaf {

    public static final String KIND = "duplicate";

    @Override
    public byte[] encode() {
        return ArchiveLeaf.begin(KIND)
                .text(articleKey)
                .number((long) revSeq)
                .uuid(submissionId)
                .instant(receivedAt)
                .toByteArray();
    }
}
