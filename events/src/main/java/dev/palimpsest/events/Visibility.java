package dev.palimpsest.events;

/**
 * What the source hides of a revision (MediaWiki's {@code deleted="deleted"}, revision deletion): the archive keeps
 * the revision and the fact that these parts are hidden, never an empty stand-in. A hidden text has no sha1 and no
 * length ({@code revSha1} null, {@code revLen} -1).
 */
public record Visibility(boolean textHidden, boolean commentHidden, boolean performerHidden) {

    public static final Visibility VISIBLE = new Visibility(false, false, false);

    public static boolean textHidden(Visibility visibility) {
        return visibility != null && visibility.textHidden();
    }

    /** Null when nothing is hidden, so events of visible revisions stay as they were. */
    public static Visibility of(boolean textHidden, boolean commentHidden, boolean performerHidden) {
        Visibility visibility = new Visibility(textHidden, commentHidden, performerHidden);
        return visibility.equals(VISIBLE) ? null : visibility;
    }
}
