package dev.palimpsest.e2e;

import dev.palimpsest.cli.PalimpsestCli;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./palimpsest} commands run in this JVM against a stack, as the launcher runs them (the cli module's
 * {@link PalimpsestCli}), with the stack's addresses and, for writes, a writer's token file. Each run's transcript is
 * printed as a user would see it (the README's tour is taken from it).
 */
public final class Cli {

    /** What one command printed, and its exit code. */
    public record Run(int exit, String out, String err) {
    }

    private final PalimpsestStack stack;
    private final Path tokenFile;

    /** @param tokenFile a writer's token in a file, as a user keeps it: {@code ./palimpsest token > FILE} */
    Cli(PalimpsestStack stack, Path tokenFile) {
        this.stack = stack;
        this.tokenFile = tokenFile;
    }

    /** One command; one at a time in the JVM, because it takes over {@code System.out} and {@code System.err}. */
    Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--query-url", stack.queryUrl().toString(), "--ingest-url", stack.ingestUrl().toString()));
        if (args[0].equals("submit") || args[0].equals("import")) {
            all.addAll(List.of("--token-file", tokenFile.toString()));
        }
        return execute(args, all.toArray(String[]::new));
    }

    /**
     * One command exactly as given (no addresses or token added); one at a time in the JVM, because it takes over
     * {@code System.out} and {@code System.err}. The transcript goes to the test's output.
     */
    public static Run execute(String... args) {
        return execute(args, args);
    }

    /** @param shown what the transcript shows of the command: the arguments a user typed, without the stack's */
    private static Run execute(String[] shown, String[] args) {
        synchronized (Cli.class) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream stdout = System.out;
            PrintStream stderr = System.err;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                int exit = new CommandLine(new PalimpsestCli()).execute(args);
                return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(stdout);
                System.setErr(stderr);
                System.out.println("$ ./palimpsest " + String.join(" ", shown) + "\n"
                        + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
            }
        }
    }
}
