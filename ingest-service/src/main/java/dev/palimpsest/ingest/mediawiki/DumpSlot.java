package dev.palimpsest.ingest.mediawiki;

/**
 * A {@code <content>} element of a multi-content revision (schema 0.11) for a slot other than main, as read.
 *
 * @param text   the slot's text; null when hidden ({@code deleted="deleted"}) or when the element has no text
 * @param hidden the source hides the slot's text
 */
public record DumpSlot(String role, String model, String format, String text, boolean hidden) {
}
