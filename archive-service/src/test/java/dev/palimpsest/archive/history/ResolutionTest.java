package dev.palimpsest.archive.history;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResolutionTest {

    @Test
    void firstRevisionOfAnArticleIsNumberOne() {
        assertEquals(new Resolution.NewRevision(1), Resolution.resolve(Optional.empty(), Optional.empty(), 0));
    }

    @Test
    void numbersRunWithoutGaps() {
        int count = 0;
        for (int expected = 1; expected <= 5; expected++) {
            Resolution next = Resolution.resolve(Optional.empty(), Optional.empty(), count);
            assertEquals(expected, next.revSeq());
            count = next.revSeq();
        }
    }

    @Test
    void knownIdempotencyKeyIsADuplicateOfThatRevision() {
        assertEquals(new Resolution.Duplicate(2), Resolution.resolve(Optional.empty(), Optional.of(2), 7));
    }

    @Test
    void aRedeliveredSubmissionGetsItsFirstAnswer() {
        var first = new Resolution.AlreadyAnswered(3, true);
        assertEquals(first, Resolution.resolve(Optional.of(first), Optional.of(3), 9));
        var firstDuplicate = new Resolution.AlreadyAnswered(1, false);
        assertEquals(firstDuplicate, Resolution.resolve(Optional.of(firstDuplicate), Optional.empty(), 9));
    }
}
