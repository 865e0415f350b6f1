package dev.palimpsest.query.web;

/**
 * An article as of now, or one of its revisions.
 *
 * @param latest      whether {@code revision} is the article's latest
 * @param comparePath the diff with the revision before it, null for the first
 * @param timemapPath the article's Memento TimeMap (API)
 * @param whoPath     who wrote the revision, word by word
 */
public record RevisionPageView(RevisionCard revision, boolean latest, int revisionCount, String historyPath,
                               String timelinePath, String comparePath, String timemapPath, String whoPath) {
}
