package dev.palimpsest.query.revision;

import java.util.ArrayList;
import java.util.List;

/** The parts of a revision hidden at its source, as the API names them; null when none is. */
public final class HiddenParts {

    private HiddenParts() {
    }

    public static List<String> of(boolean text, boolean comment, boolean author) {
        List<String> parts = new ArrayList<>(3);
        if (text) {
            parts.add("text");
        }
        if (comment) {
            parts.add("comment");
        }
        if (author) {
            parts.add("author");
        }
        return parts.isEmpty() ? null : List.copyOf(parts);
    }
}
