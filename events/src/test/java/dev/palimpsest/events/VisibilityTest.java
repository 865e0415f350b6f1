package dev.palimpsest.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VisibilityTest {

    private static RevisionSubmitted submitted(String text, Visibility visibility) {
        return new RevisionSubmitted(RevisionSubmitted.SCHEMA, EventMeta.now("s", null), "k", new Provenance("T",
                Instant.parse("2020-01-01T00:00:00Z"), 1L, null, null, null), new MainText(Utf8Text.of(text),
                text == null ? null : ContentHash.sha1Hex(text), text == null ? -1 : text.length()), "rev:1", null,
                visibility);
    }

    @Test
    void nothingHiddenIsNoVisibilityAtAll() {
        assertNull(Visibility.of(false, false, false));
        assertEquals(new Visibility(true, false, true), Visibility.of(true, false, true));
    }

    @Test
    void aHiddenTextIsAbsentAndAVisibleOneIsPresent() {
        assertNull(submitted(null, Visibility.of(true, false, false)).mainText().text());
        assertEquals("", submitted("", null).mainText().string(), "an empty text is a text");
        assertThrows(IllegalArgumentException.class, () -> submitted(null, null));
        assertThrows(IllegalArgumentException.class, () -> submitted("x", Visibility.of(true, false, false)));
    }
}
