package dev.palimpsest.cli.verify;

import dev.palimpsest.tlog.Checkpoint;
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
     * Keeps {@code note} (of {@code size} leaves) as the latest checkpoint of {@code origin}, unless one of more
     * leaves was kept meanwhile (by another verifier run); written whole, then moved into place.
     */
    public void keep(String origin, long size, String note) throws InvalidProofException {
        Optional<Seen> kept = latest(origin);
        if (kept.isPresent() && kept.get().checkpoint().size() >= size) {
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

    /** Where the checkpoint of {@code origin} is kept. */
    public Path file(String origin) {
        return directory.resolve(URLEncoder.encode(origin, StandardCharsets.UTF_8));
    }
}
