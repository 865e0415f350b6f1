package dev.palimpsest.archive.history;

/** What makes two submissions the same revision of an article: the archive holds one revision per key. */
public record IdempotencyKey(String articleKey, String key) {
}
