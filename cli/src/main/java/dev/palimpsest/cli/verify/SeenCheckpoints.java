package dev.palimpsest.cli.verify;

import dev.palimpsest.tlog.Checkpoint;
import dev.palimpsest.tlog.CoveringCheckpoint;
import dev.palimpsest.tlog.InvalidProofException;
import dev.palimpsest.tlog.NoteVerifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * The latest checkpoint the verifier has accepted of each log, kept under
 * {@code <state>/log-checkpoints/<key name>+<key hash>/} (one file per origin, the signed note as received), the way
 * Go's checksum-database client remembers its tree: every newer checkpoint must be proven consistent with it before
 * it replaces it, so a log that forks or rewrites its past is caught by whoever saw it before, whatever the server
 * says now. Kept per key: another archive's log (another key) that happens to have the same origin is another log.
 * The checkpoint covering every log (ADR 0040 decision 2) is kept the same way, under its own origin.
 */
public final class SeenCheckpoints {

    private final Path directory;
    private final NoteVerifier verifier;

    public SeenCheckpoints(Path stateDirectory, NoteVerifier verifier) {
        this.verifier = verifier;
        this.directory = stateDirectory.resolve("log-checkpoints").resolve(URLEncoder.encode(
                verifier.name() + "+" + String.format(Locale.ROOT, "%08x", verifier.keyHash()),
                StandardCharsets.UTF_8));
    }

    /** A checkpoint kept, with its note. */
    public record Seen(Checkpoint checkpoint, String note) {
    }

    /** The checkpoint kept for {@code origin}, verified again (a file changed by hand is an error, not a restart). */
    public Optional<Seen> latest(String origin) throws InvalidProofException {
        Path file = file(origin);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String note;
        try {
            note = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Checkpoint checkpoint = Checkpoint.parse(verifier.open(note));
        if (!checkpoint.origin().equals(origin)) {
            throw new InvalidProofException(file + " holds a checkpoint of " + checkpoint.origin() + ", not " + origin);
        }
        return Optional.of(new Seen(checkpoint, note));
    }

    /**
     * Keeps {@code note} (whose text is {@code checkpoint}) as the latest checkpoint of its origin, unless one further
     * on was kept meanwhile (by another verifier run); written whole, then moved into place. A log's checkpoint is
     * further on when it has more leaves; one covering several logs, when the logs it covers hold more together.
     */
    public void keep(Checkpoint checkpoint, String note) throws InvalidProofException {
        String origin = checkpoint.origin();
        Optional<Seen> kept = latest(origin);
        if (kept.isPresent() && progress(kept.get().checkpoint()) >= progress(checkpoint)) {
            return;
        }
        Path file = file(origin);
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "checkpoint", ".tmp");
            Files.writeString(temporary, note, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the checkpoint of " + origin + " in " + directory, e);
        }
    }

    /** How far a checkpoint is: a log's leaves, or the leaves of the logs a covering checkpoint covers. */
    private static long progress(Checkpoint checkpoint) throws InvalidProofException {
        // a log's checkpoint has no extension lines (ADR 0040); a covering one has one per log
        return checkpoint.extensions().isEmpty() ? checkpoint.size()
                : CoveringCheckpoint.of(checkpoint).totalSize();
    }

    /** Where the checkpoint of {@code origin} is kept. */
    public Path file(String origin) {
        return directory.resolve(URLEncoder.encode(origin, StandardCharsets.UTF_8));
    }
}
