package dev.palimpsest.tlog.leaves;

import java.time.Instant;
import java.util.UUID;

/**
 * A redaction request and what the archive made of it: {@code outcome} {@code REDACTED}, or {@code REJECTED} with
 * the {@code rejection} saying why. Its fields are public facts of the archive's audit trail, so they are not
 * committed to but written as they are.
 */
public record RedactionLeaf(UUID redactionId, String articleKey, int revSeq, String outcome, String reason,
                            Long performerId, String performerText, Instant requestedAt, Instant recordedAt,
                            String rejection) implements ArchiveLeaf {

    public static final String KIND = "redaction";

    @Override
    public byte[] encode() {
        return ArchiveLeaf.begin(KIND)
                .uuid(redactionId)
                .text(articleKey)
                .number((long) revSeq)
                .text(outcome)
                .text(reason)
                .number(performerId)
                .text(performerText)
                .instant(requestedAt)
                .instant(recordedAt)
                .text(rejection)
                .toByteArray();
    }
}
