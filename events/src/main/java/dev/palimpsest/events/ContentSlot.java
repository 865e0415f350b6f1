package dev.palimpsest.events;

import java.util.List;
import java.util.Objects;

/**
 * A revision's content in a slot other than the main one (MediaWiki multi-content revisions, schema 0.11
 * {@code <content>}: e.g. Commons' structured data in the {@code mediainfo} slot). The main slot stays the
 * revision's {@code text}; these travel beside it and are kept as exactly.
 *
 * @param role       the slot's role, e.g. {@code mediainfo}; never {@code main}
 * @param model      e.g. {@code wikibase-mediainfo}, when the source says
 * @param format     e.g. {@code application/json}, when the source says
 * @param text       the slot's content; null when hidden at the source
 * @param sha1       lowercase hex SHA-1 of the UTF-8 bytes of {@code text}; null when hidden
 * @param len        length of {@code text} in UTF-8 bytes; -1 when hidden
 * @param textHidden hidden at the source ({@code deleted="deleted"})
 */
public record ContentSlot(String role, String model, String format, String text, String sha1, long len,
                          boolean textHidden) {

    public static final String MAIN = "main";

    public ContentSlot {
        Objects.requireNonNull(role, "role");
        if (textHidden != (text == null)) {
            throw new IllegalArgumentException("slot " + role + ": text must be given exactly when it is not hidden");
        }
    }

    /** A slot with its hash and length computed from its text. */
    public static ContentSlot of(String role, String model, String format, String text, boolean hidden) {
        return new ContentSlot(role, model, format, hidden ? null : text,
                hidden ? null : ContentHash.sha1Hex(text), hidden ? -1 : ContentHash.utf8Length(text), hidden);
    }

    /** Null and empty mean the same, no extra slots; events of single-slot revisions carry null. */
    public static List<ContentSlot> orNone(List<ContentSlot> slots) {
        return slots == null ? List.of() : slots;
    }
}
