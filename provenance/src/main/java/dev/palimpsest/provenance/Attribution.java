package dev.palimpsest.provenance;

/**
 * One revision attributed: its tokens' numbers in text order (a token keeps its number for as long as it lives in
 * the article, through moves, removals and reintroductions), the numbers it introduced
 * ({@code [firstAdded, firstAdded + added)}), and whether it became the reference the next revision is compared with
 * (false for a revision that looks like vandalism: see {@link ArticleProvenance}).
 *
 * @param revision   the caller's name for the revision
 * @param index      its place among the article's attributed revisions, from 0
 * @param tokens     its tokens' numbers, one per token of {@link WikitextTokens}
 * @param stored     the tokens as stored: {@link TokenRuns#encode} at a checkpoint, else
 *                   {@link TokenRuns#encodeAgainst} the revision attributed before
 * @param checkpoint whether {@code stored} is whole ({@code index} a multiple of {@link TokenRuns#CHECKPOINT_EVERY})
 */
public record Attribution(long revision, int index, int[] tokens, byte[] stored, boolean checkpoint, int firstAdded,
                          int added, boolean reference) {
}
