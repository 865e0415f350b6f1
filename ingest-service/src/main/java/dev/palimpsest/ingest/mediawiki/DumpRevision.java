package dev.palimpsest.ingest.mediawiki;

import dev.palimpsest.events.Performer;

import java.time.Instant;
import java.util.List;

/**
 * One {@code <revision>} of a MediaWiki export, as read: nothing checked beyond what XML guarantees. Fields the
 * dump marks {@code deleted="deleted"} are null with their {@code *Hidden} flag set, never empty strings.
 *
 * @param text          the main slot's text; null when absent or hidden
 * @param sha1Base36    the dump's {@code <sha1>} of the text, base 36; null or empty when the dump has none
 * @param otherSlots    the revision's {@code <content>} in slots other than main, in document order
 */
public record DumpRevision(
        String database,
        long pageId,
        int pageNamespace,
        String pageTitle,
        Long revId,
        Long parentId,
        Instant timestamp,
        String timestampText,
        Performer contributor,
        boolean contributorHidden,
        String comment,
        boolean commentHidden,
        boolean minor,
        String contentModel,
        String contentFormat,
        String text,
        boolean textPresent,
        boolean textHidden,
        String sha1Base36,
        List<DumpSlot> otherSlots) implements DumpItem {

    /** {@code {database}:{page id}}: stable across renames, unlike the title. */
    public String articleKey() {
        return database + ":" + pageId;
    }
}
