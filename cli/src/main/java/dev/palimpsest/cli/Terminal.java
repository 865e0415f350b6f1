package dev.palimpsest.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where a command writes, and whether that is a person's terminal: progress is redrawn and diffs are coloured only
 * there, and never when {@code NO_COLOR} is set (no-color.org). Tests replace the streams and the answer.
 */
final class Terminal {

    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    boolean interactive = System.console() != null;
    boolean noColor = System.getenv("NO_COLOR") != null && !System.getenv("NO_COLOR").isEmpty();

    boolean colour() {
        return interactive && !noColor;
    }
}
