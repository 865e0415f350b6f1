package dev.palimpsest.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A terminal whose output the tests read. */
final class CliTests {

    private CliTests() {
    }

    static Terminal terminal(ByteArrayOutputStream out, ByteArrayOutputStream err, boolean interactive) {
        Terminal terminal = new Terminal();
        terminal.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        terminal.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        terminal.interactive = interactive;
        terminal.noColor = false;
        return terminal;
    }
}
