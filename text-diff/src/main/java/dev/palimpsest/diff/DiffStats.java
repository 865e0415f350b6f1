package dev.palimpsest.diff;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How much changed between two texts, counted three ways.
 *
 * @param addedTokens   tokens of the diff's granularity in its insertions (the sum of {@code toEnd - toStart} of
 *                      its {@code insert} operations)
 * @param removedTokens the same for its deletions ({@code fromEnd - fromStart} of its {@code delete} operations)
 * @param addedWords    words ({@link Tokens#isWord}: a run of letters or digits, or one ideograph; not whitespace
 *                      or punctuation) in the insertions of the word diff of the same two texts, whatever the
 *                      granularity asked for
 * @param removedWords  the same for its deletions
 * @param addedLines    lines in the insertions of the line diff of the same two texts (as {@code git diff
 *                      --numstat} counts them: a changed line is one removed and one added)
 * @param removedLines  the same for its deletions
 */
@Schema(description = "How much changed. Tokens: of the granularity asked for. Words (a run of letters or digits,"
        + " or one ideograph; not whitespace or punctuation) and lines: counted in the word and line diffs of the"
        + " same texts whatever the granularity, so they do not depend on it; a changed line counts as one removed"
        + " and one added, as in `git diff --numstat`.")
public record DiffStats(
        @Schema(examples = "2") int addedTokens,
        @Schema(examples = "1") int removedTokens,
        @Schema(examples = "12") int addedWords,
        @Schema(examples = "3") int removedWords,
        @Schema(examples = "2") int addedLines,
        @Schema(examples = "1") int removedLines) {
}
