package dev.palimpsest.events;

/**
 * Who made an edit, after Wikimedia's {@code performer}: an optional numeric user id from the source and the user
 * name (or IP address for anonymous edits) as text.
 */
public record Performer(Long userId, String userText) {

    public static Performer named(String userText) {
        return new Performer(null, userText);
    }
}
