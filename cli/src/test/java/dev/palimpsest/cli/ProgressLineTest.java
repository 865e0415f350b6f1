package dev.palimpsest.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressLineTest {

    @Test
    void aBarWithRateAndTimeLeft() {
        String line = ProgressLine.render("upload", 0.25, "1.0 MB of 4.0 MB", 2 * 1024 * 1024, "B",
                Duration.ofSeconds(10));
        assertEquals("upload [######..................]  25% 1.0 MB of 4.0 MB, 2.0 MB/s, ETA 0:30", line);
    }

    @Test
    void unknownTotalsShowNoBarAndNoEta() {
        String line = ProgressLine.render("publish", -1, "10 published", 5, "rev", Duration.ofSeconds(2));
        assertEquals("publish 10 published, 5 rev/s", line);
    }

    @Test
    void humanSizesAndClocks() {
        assertEquals("512 B", ProgressLine.human(512, "B"));
        assertEquals("1.5 GB", ProgressLine.human(1.5 * 1024 * 1024 * 1024, "B"));
        assertEquals("1:01:05", ProgressLine.clock(3665));
        assertEquals("0:59", ProgressLine.clock(59));
    }

    @Test
    void onATerminalTheLineIsRedrawnElsewherePrinted() {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        ProgressLine redrawn = new ProgressLine(new PrintStream(terminal, true, StandardCharsets.UTF_8), true);
        redrawn.show("x", 0.5, "a", 0, "B");
        redrawn.show("x", 0.6, "b", 0, "B");
        redrawn.done();
        String drawn = terminal.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.startsWith("\r"), drawn);
        assertEquals(1, drawn.chars().filter(c -> c == '\n').count(), "one line, redrawn in place");
        assertEquals(2, drawn.chars().filter(c -> c == '\r').count());

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ProgressLine plain = new ProgressLine(new PrintStream(log, true, StandardCharsets.UTF_8), false);
        plain.show("x", 0.5, "a", 0, "B");
        plain.show("x", 0.6, "b", 0, "B"); // within the interval: not repeated
        String printed = log.toString(StandardCharsets.UTF_8);
        assertFalse(printed.contains("\r"));
        assertEquals(1, printed.lines().count());
    }
}
