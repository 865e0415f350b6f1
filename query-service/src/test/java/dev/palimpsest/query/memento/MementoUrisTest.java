package dev.palimpsest.query.memento;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MementoUrisTest {

    @Test
    void articleKeysOfUnreservedCharactersAndColonsStandInAPathAsTheyAre() {
        for (String key : new String[]{"enwiki:12", "jasic-workers-solidarity-group", "a.b_c~d", "X"}) {
            assertTrue(MementoUris.isPathSafe(key), key);
        }
    }

    @Test
    void anyOtherKeyIsLeftToTheUriBuilder() {
        for (String key : new String[]{"", ".", "..", "a/b", "a b", "a?b", "a#b", "a%b", "caf\u00e9", "a;b", "a+b"}) {
            assertFalse(MementoUris.isPathSafe(key), key);
        }
    }
}
