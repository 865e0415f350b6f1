package dev.palimpsest.cli.verify;

import dev.palimpsest.tlog.Checkpoint;
import dev.palimpsest.tlog.InvalidProofException;
import dev.palimpsest.tlog.ProofVerifier;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Proves that two checkpoints of one log are of the same log, one the other's past: equal roots at equal sizes,
 * else the log's consistency proof from the smaller to the larger (RFC 9162 §2.1.4), fetched from the server and
 * trusted only once it verifies against both signed roots. Anything else is a fork or a rewritten past.
 */
public final class LogConsistency {

    /** Where consistency proofs come from: the server's, for log {@code origin} between two sizes. */
    @FunctionalInterface
    public interface Proofs {
        List<byte[]> between(String origin, long smaller, long larger) throws InvalidProofException;
    }

    private final Proofs proofs;

    public LogConsistency(Proofs proofs) {
        this.proofs = proofs;
    }

    /**
     * Checks {@code served} against {@code earlier}, a checkpoint of the same log accepted before, in either order of
     * size.
     *
     * @param earlierWhere where {@code earlier} came from, for the message (e.g. the file it is kept in)
     * @throws InvalidProofException saying which sizes and roots disagree
     */
    public void check(Checkpoint earlier, String earlierWhere, Checkpoint served) throws InvalidProofException {
        if (!earlier.origin().equals(served.origin())) {
            throw new IllegalArgumentException("checkpoints of two logs: " + earlier.origin() + ", "
                    + served.origin());
        }
        if (earlier.size() == served.size()) {
            if (!MessageDigest.isEqual(earlier.rootHash(), served.rootHash())) {
                throw new InvalidProofException(fork(earlier, earlierWhere, served));
            }
            return;
        }
        Checkpoint smaller = earlier.size() < served.size() ? earlier : served;
        Checkpoint larger = earlier.size() < served.size() ? served : earlier;
        List<byte[]> hashes = proofs.between(served.origin(), smaller.size(), larger.size());
        try {
            ProofVerifier.verifyConsistency(smaller.size(), larger.size(), hashes, smaller.rootHash(),
                    larger.rootHash());
        } catch (InvalidProofException e) {
            throw new InvalidProofException(fork(earlier, earlierWhere, served) + " (" + e.getMessage() + ")");
        }
    }

    private static String fork(Checkpoint earlier, String earlierWhere, Checkpoint served) {
        HexFormat hex = HexFormat.of();
        return served.origin() + " was forked or its past rewritten: the checkpoint served (tree of " + served.size()
                + ", root " + hex.formatHex(served.rootHash()) + ") is not consistent with the one " + earlierWhere
                + " (tree of " + earlier.size() + ", root " + hex.formatHex(earlier.rootHash()) + ")";
    }
}
