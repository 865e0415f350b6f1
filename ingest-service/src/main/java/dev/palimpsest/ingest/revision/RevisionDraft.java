package dev.palimpsest.ingest.revision;

import dev.palimpsest.events.ArticleKey;
import dev.palimpsest.events.ContentSlot;
import dev.palimpsest.events.MediaWikiSource;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.Visibility;

import java.time.Instant;
import java.util.List;

/**
 * One revision as a door of ingest received it (a single submission or a revision of an import), before any rule:
 * what {@link RevisionFactory} checks against {@link RevisionRules} and turns into the event. Nothing here is
 * trusted yet.
 *
 * @param timestamp      when the edit was made; null when the client gave one that is not an instant
 * @param timestampGiven whether the source dated the edit (else it is the time of receipt)
 * @param text           the main slot's text; null when missing, or hidden ({@code visibility})
 * @param visibility     what the source hides; null when nothing
 * @param slots          content in slots other than main; empty when none
 * @param source         MediaWiki metadata of an imported revision; null for a single submission
 */
public record RevisionDraft(
        ArticleKey articleKey,
        String title,
        Instant timestamp,
        boolean timestampGiven,
        Long revId,
        Long parentId,
        Performer performer,
        String comment,
        String text,
        Visibility visibility,
        List<ContentSlot> slots,
        MediaWikiSource source) {

    public RevisionDraft {
        slots = ContentSlot.orNone(slots);
    }

    boolean textHidden() {
        return Visibility.textHidden(visibility);
    }

    String author() {
        return performer == null ? null : performer.userText();
    }

    /** Recorded at a source that keeps histories (an import): its own record of what happened. */
    boolean imported() {
        return source != null;
    }
}
