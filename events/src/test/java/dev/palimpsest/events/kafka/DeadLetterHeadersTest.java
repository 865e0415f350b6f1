package dev.palimpsest.events.kafka;

import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DeadLetterHeadersTest {

    @Test
    void carriesReasonCauseAndOrigin() {
        Headers headers = DeadLetterHeaders.of(new UncheckedIOException("cannot decode", new IOException("byte 3")),
                "palimpsest.revisions.archived", 2, 41L);
        assertEquals("cannot decode", DeadLetterHeaders.text(headers, DeadLetterHeaders.REASON));
        assertEquals(UncheckedIOException.class.getName(),
                DeadLetterHeaders.text(headers, DeadLetterHeaders.EXCEPTION_CLASS_NAME));
        assertEquals("byte 3", DeadLetterHeaders.text(headers, DeadLetterHeaders.CAUSE));
        assertEquals("palimpsest.revisions.archived", DeadLetterHeaders.text(headers, DeadLetterHeaders.TOPIC));
        assertEquals("2", DeadLetterHeaders.text(headers, DeadLetterHeaders.PARTITION));
        assertEquals("41", DeadLetterHeaders.text(headers, DeadLetterHeaders.OFFSET));
    }

    @Test
    void aReasonWithoutMessageIsNamedByItsClassAndHasNoCause() {
        Headers headers = DeadLetterHeaders.of(new IllegalStateException(), "t", 0, 0L);
        assertEquals(IllegalStateException.class.getName(), DeadLetterHeaders.text(headers, DeadLetterHeaders.REASON));
        assertNull(DeadLetterHeaders.text(headers, DeadLetterHeaders.CAUSE));
    }
}
