package dev.palimpsest.cli.verify;

import dev.palimpsest.tlog.Checkpoint;
import dev.palimpsest.tlog.CoveringCheckpoint;
import dev.palimpsest.tlog.InvalidProofException;
import dev.palimpsest.tlog.NoteVerifier;

import java.util.Optional;

/**
 * Accepts the checkpoint covering every log of the archive (ADR 0040 decision 2) the way a log's own checkpoint is
 * accepted: signed by the log's key, then every log it covers consistent with the checkpoint of that log this
 * verifier kept, and with the covering checkpoint it kept before; a covering checkpoint further on replaces the one
 * kept (covers never go back). A log's checkpoint a revision is proven against is then checked against it too, so a
 * server cannot show one reader's revisions a log other than the one it signed for everyone.
 */
public final class CoveringCheck {

    private final NoteVerifier verifier;
    private final SeenCheckpoints seen;
    private final LogConsistency consistency;

    public CoveringCheck(NoteVerifier verifier, SeenCheckpoints seen, LogConsistency consistency) {
        this.verifier = verifier;
        this.seen = seen;
        this.consistency = consistency;
    }

    /** A covering checkpoint accepted, and whether it is the first of its origin this verifier has seen. */
    public record Accepted(CoveringCheckpoint cover, boolean first) {
    }

    /**
     * Accepts a covering checkpoint as served.
     *
     * @throws InvalidProofException if it is not signed by the key, is no covering checkpoint, or disagrees with
     *                               anything accepted before
     */
    public Accepted accept(String note) throws InvalidProofException {
        CoveringCheckpoint cover;
        try {
            cover = CoveringCheckpoint.of(Checkpoint.parse(verifier.open(note)));
        } catch (InvalidProofException e) {
            throw new InvalidProofException("the checkpoint covering every log is not one signed by "
                    + verifier.name() + ": " + e.getMessage());
        }
        Optional<SeenCheckpoints.Seen> before = seen.latest(cover.origin());
        if (before.isPresent()) {
            CoveringCheckpoint kept = CoveringCheckpoint.of(before.get().checkpoint());
            for (Checkpoint log : kept.logs()) {
                Checkpoint served = cover.log(log.origin()).orElseThrow(() -> new InvalidProofException(
                        "the checkpoint covering every log leaves out " + log.origin() + ", which the one kept in "
                                + seen.file(cover.origin()) + " covers (tree of " + log.size() + ")"));
                consistency.check(log, "covered by the checkpoint kept in " + seen.file(cover.origin()), served);
            }
        }
        for (Checkpoint log : cover.logs()) {
            Optional<SeenCheckpoints.Seen> logKept = seen.latest(log.origin());
            if (logKept.isPresent()) {
                consistency.check(logKept.get().checkpoint(), "kept in " + seen.file(log.origin()), log);
            }
        }
        seen.keep(cover.checkpoint(), note);
        return new Accepted(cover, before.isEmpty());
    }

    /**
     * Checks a log's checkpoint (accepted on its own) against the covering checkpoint accepted; a log it does not
     * cover (begun after it was signed) is left to its own checks.
     */
    public void check(CoveringCheckpoint cover, Checkpoint log) throws InvalidProofException {
        Optional<Checkpoint> covered = cover.log(log.origin());
        if (covered.isPresent()) {
            consistency.check(covered.get(), "the checkpoint covering every log holds", log);
        }
    }
}
