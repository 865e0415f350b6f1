package dev.palimpsest.archive.admin;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the archive holds of one article.
 *
 * @param revisionCount   revisions stored (also the last sequence number)
 * @param submissionCount submissions answered, duplicates included: the difference is what idempotency saved
 * @param redactionCount  redactions recorded (requests that hid a revision's text; rejected ones not counted)
 */
@Schema(name = "ArticleStatus")
public record ArticleStatus(String articleKey, String currentTitle, int revisionCount, long submissionCount,
                            long redactionCount) {
}
