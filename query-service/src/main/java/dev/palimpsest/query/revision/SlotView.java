package dev.palimpsest.query.revision;

import dev.palimpsest.events.ContentSlot;
import dev.palimpsest.events.MediaWikiSource;
import dev.palimpsest.query.readmodel.Revision;
import dev.palimpsest.query.readmodel.RevisionSlot;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One content slot of a revision (MediaWiki multi-content revisions): {@code main} is the revision's text; others,
 * such as Commons' {@code mediainfo}, are kept beside it. The text itself is at {@code …/slots/{role}}.
 *
 * @param sha1   lowercase hex SHA-1 of the slot's UTF-8 bytes; null when hidden
 * @param len    length in UTF-8 bytes; -1 when hidden
 * @param hidden hidden at the source
 */
public record SlotView(
        @Schema(examples = "mediainfo") String role,
        @Schema(examples = "wikibase-mediainfo") String model,
        @Schema(examples = "application/json") String format,
        @Schema(examples = "affafc05a73e025866a2842069cbd51f8b632b61") String sha1,
        @Schema(examples = "26") long len,
        boolean hidden) {

    static SlotView main(Revision revision) {
        MediaWikiSource source = revision.source();
        return new SlotView(ContentSlot.MAIN, source == null ? null : source.revContentModel(),
                source == null ? null : source.revContentFormat(), revision.revSha1, revision.revLen,
                revision.textHidden);
    }

    static SlotView of(RevisionSlot slot) {
        return new SlotView(slot.role, slot.model, slot.format, slot.sha1, slot.len, slot.textHidden);
    }
}
