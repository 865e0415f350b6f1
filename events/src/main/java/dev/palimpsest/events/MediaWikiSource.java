package dev.palimpsest.events;

/**
 * Where an imported revision came from, in MediaWiki's terms (names after Wikimedia's event schemas).
 *
 * @param database        the wiki's database name, e.g. {@code enwiki} ({@code <dbname>}, or derived from {@code <base>})
 * @param pageId          the page id on that wiki; with {@code database} it makes the article key
 * @param pageNamespace   the namespace number ({@code <ns>}), 0 for articles
 * @param revMinorEdit    marked as a minor edit
 * @param revContentModel e.g. {@code wikitext}, when the dump says
 * @param revContentFormat e.g. {@code text/x-wiki}, when the dump says
 * @param revSha1Base36   the dump's own {@code <sha1>} (base 36), when present: checked against the text on import
 * @param importId        the import that published it
 */
public record MediaWikiSource(
        String database,
        long pageId,
        int pageNamespace,
        boolean revMinorEdit,
        String revContentModel,
        String revContentFormat,
        String revSha1Base36,
        String importId) {
}
