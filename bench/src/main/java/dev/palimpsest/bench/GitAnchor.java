package dev.palimpsest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * git on the same history, the anchor of the storage, import and diff figures: a bare repository filled by
 * {@code git fast-import} from a {@link FastImportStream}, packed by {@code git gc --aggressive}, and word diffs
 * between two revisions' blobs. Runs the {@code git} on PATH.
 */
final class GitAnchor {

    private static final Duration TIMEOUT = Duration.ofHours(2);

    private final Path repository;
    private final Map<Long, String> commitsByMark = new HashMap<>();

    private GitAnchor(Path repository) {
        this.repository = repository;
    }

    /** A new bare repository at {@code repository} (which must not exist yet). */
    static GitAnchor init(Path repository) throws IOException, InterruptedException {
        run(List.of("git", "init", "-q", "--bare", repository.toString()), null);
        return new GitAnchor(repository);
    }

    /** {@code git --version}, for the report. */
    static String version() throws IOException, InterruptedException {
        return run(List.of("git", "--version"), null).strip();
    }

    /** Imports the stream file; returns how long {@code git fast-import} took, from start to exit. */
    Duration fastImport(Path stream) throws IOException, InterruptedException {
        Path marks = repository.resolve("bench-marks");
        long begin = System.nanoTime();
        run(git("fast-import", "--quiet", "--export-marks=" + marks), stream);
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        for (String line : Files.readAllLines(marks, StandardCharsets.US_ASCII)) {
            // ":12 4b825dc642cb6eb9a060e54bf8d69288fbee4904"
            int space = line.indexOf(' ');
            commitsByMark.put(Long.parseLong(line.substring(1, space)), line.substring(space + 1).strip());
        }
        return took;
    }

    /** Runs {@code git gc --aggressive}; returns how long it took. */
    Duration gcAggressive() throws IOException, InterruptedException {
        long begin = System.nanoTime();
        run(git("gc", "--aggressive", "--quiet"), null);
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    /** Bytes of the pack files ({@code objects/pack/*.pack}), without their indexes. */
    long packBytes() throws IOException {
        return sizes(".pack");
    }

    /** Bytes of the pack indexes ({@code *.idx}), reported beside the pack. */
    long packIndexBytes() throws IOException {
        return sizes(".idx");
    }

    private long sizes(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(repository.resolve("objects/pack"))) {
            long total = 0;
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    /** The blob of {@code path} in the commit of revision {@code ordinal} (1-based, in stream order). */
    String blob(long ordinal, String path) throws IOException, InterruptedException {
        String commit = commitsByMark.get(ordinal);
        if (commit == null) {
            throw new IllegalArgumentException("no revision " + ordinal + " in the repository");
        }
        return run(git("rev-parse", commit + ":" + path), null).strip();
    }

    /**
     * Runs {@code git diff --word-diff} between two blobs, its output read and dropped; returns how long the
     * process took, start to exit, as a person running it pays.
     */
    Duration wordDiff(String fromBlob, String toBlob) throws IOException, InterruptedException {
        long begin = System.nanoTime();
        Process process = new ProcessBuilder(git("diff", "--no-color", "--no-ext-diff", "--word-diff", fromBlob,
                toBlob)).redirectErrorStream(true).start();
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("git diff did not finish");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        // 1: the blobs differ, which is the point
        if (process.exitValue() > 1) {
            throw new IOException("git diff --word-diff " + fromBlob + " " + toBlob + " exited "
                    + process.exitValue());
        }
        return took;
    }

    private List<String> git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "--git-dir=" + repository));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs a command to its end; returns its output; fails on a non-zero exit, with what it printed. */
    private static String run(List<String> command, Path input) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in " + TIMEOUT);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": "
                    + output.strip());
        }
        return output;
    }
}
