package dev.palimpsest.query.memento;

import dev.palimpsest.events.ArticleKey;
import jakarta.ws.rs.core.UriBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MementoUris writes an article's links as strings for a key {@link ArticleKey} accepts: the builder's own. */
class MementoUrisTest {

    @Test
    void articleKeysOfUnreservedCharactersAndColonsStandInAPathAsTheyAre() {
        for (String key : new String[]{"enwiki:12", "jasic-workers-solidarity-group", "a.b_c~d", "X"}) {
            assertTrue(ArticleKey.isValid(key), key);
            assertEquals("/articles/" + key, UriBuilder.fromPath("/articles/{key}").build(key).getRawPath(), key);
        }
    }

    @Test
    void anyOtherKeyIsLeftToTheUriBuilder() {
        for (String key : new String[]{"", ".", "..", "a/b", "a b", "a?b", "a#b", "a%b", "caf\u00e9", "a;b", "a+b"}) {
            assertFalse(ArticleKey.isValid(key), key);
        }
    }
}
