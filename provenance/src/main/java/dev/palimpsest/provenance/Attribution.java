package dev.palimpsest.provenance;

/**
 * One revision attributed: its tokens' numbers in text order (a token keeps its number for as long as it lives in
 * the article, through moves, removals and reintroductions), the numbers it introduced
 * ({@code [firstAdded, firstAdded + added)}), and whether it became the reference the next revision is compared with
 * (false for a revision that looks like vandalism: see {@link ArticleProvenance}).
 */
public record Attribution(long revision, int[] tokens, int firstAdded, int added, boolean reference) {

    /** The tokens as stored: {@link TokenRuns}. */
    public byte[] runs() {
        return TokenRuns.encode(tokens);
    }
}
