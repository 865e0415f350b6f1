package dev.palimpsest.query.web;

/**
 * Two revisions compared word by word: both side by side and inline.
 *
 * @param older          null when the newer side is the article's first revision (compared with the empty text)
 * @param sideBySide     the side-by-side table, escaped by the diff module (rendered raw)
 * @param inline         the inline view, escaped by the diff module (rendered raw)
 * @param olderEditPath  the diff one edit further back, null at the first revision
 * @param newerEditPath  the diff one edit further on, null at the latest
 */
public record CompareView(String articleKey, String title, String articlePath, RevisionCard older, RevisionCard newer,
                          String stats, boolean same, String sideBySide, String inline, String olderEditPath,
                          String newerEditPath, String historyPath) {
}
