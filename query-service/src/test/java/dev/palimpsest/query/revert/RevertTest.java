package dev.palimpsest.query.revert;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RevertTest {

    @Test
    void restoringTheRevisionJustBeforeIsANullEditNotARevert() {
        assertThrows(IllegalArgumentException.class, () -> new Revert(4, List.of()));
    }

    @Test
    void theRevertedRevisionsAreCopied() {
        List<Integer> reverted = new ArrayList<>(List.of(3, 4));
        Revert revert = new Revert(2, reverted);
        reverted.add(5);
        assertEquals(List.of(3, 4), revert.revertedRevSeqs());
    }

    @Test
    void theFingerprintChangesWhenABackfillAddsARevertedRevision() {
        assertEquals("r2x2", new Revert(2, List.of(3, 4)).fingerprint());
        assertNotEquals(new Revert(2, List.of(3, 4)).fingerprint(), new Revert(2, List.of(3, 7, 4)).fingerprint());
    }
}
