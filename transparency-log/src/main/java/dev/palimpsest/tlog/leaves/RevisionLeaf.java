package dev.palimpsest.tlog.leaves;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A new revision of an article, as its leaf commits to it: where it is in the article's history, where it came from,
 * when it was made and archived, which of its parts were hidden at the source, and salted commitments to its author,
 * its comment and its text (null when the revision has none, or it was hidden at the source).
 *
 * @param performer the commitment to {@link #performerValue}
 * @param comment   the commitment to {@link #commentValue}
 * @param text      the commitment to the text's UTF-8 bytes
 */
public record RevisionLeaf(String articleKey, int revSeq, UUID submissionId, String pageTitle, Instant revTimestamp,
                           Long revId, Long revParentId, byte[] performer, byte[] comment, byte[] text,
                           boolean textHidden, boolean commentHidden, boolean performerHidden, Instant archivedAt)
        implements ArchiveLeaf {

    public static final String KIND = "revision";

    @Override
    public byte[] encode() {
        return ArchiveLeaf.begin(KIND)
                .text(articleKey)
                .number((long) revSeq)
                .uuid(submissionId)
                .text(pageTitle)
                .instant(revTimestamp)
                .number(revId)
                .number(revParentId)
                .bytes(performer)
                .bytes(comment)
                .bytes(text)
                .bool(textHidden)
                .bool(commentHidden)
                .bool(performerHidden)
                .instant(archivedAt)
                .toByteArray();
    }

    /** What a performer's commitment is made of: its id and its name as two fields; null when there is neither. */
    public static byte[] performerValue(Long userId, String userText) {
        return userId == null && userText == null ? null
                : new CanonicalFields().number(userId).text(userText).toByteArray();
    }

    /** What a comment's commitment is made of: its UTF-8 bytes; null when there is no comment. */
    public static byte[] commentValue(String comment) {
        return comment == null ? null : comment.getBytes(StandardCharsets.UTF_8);
    }
}
