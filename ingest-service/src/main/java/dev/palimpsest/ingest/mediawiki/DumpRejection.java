package dev.palimpsest.ingest.mediawiki;

/**
 * A {@code <page>} or {@code <revision>} that cannot become a revision, and why. The rest of the dump goes on.
 *
 * @param pageTitle the page it belongs to, when known
 * @param revId     the revision's id, when known
 */
public record DumpRejection(String pageTitle, Long revId, String reason) implements DumpItem {
}
