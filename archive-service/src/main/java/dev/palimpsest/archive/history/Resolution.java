package dev.palimpsest.archive.history;

import java.util.Optional;

/**
 * What the archive does with one submission, decided from what it already holds. Pure, so the numbering and
 * idempotency rules are tested without a database:
 * <ul>
 *   <li>a submission answered before (a redelivered event) gets the same answer again and stores nothing;</li>
 *   <li>a submission whose idempotency key the article already holds is a duplicate of that revision;</li>
 *   <li>anything else is the article's next revision: sequence numbers run 1, 2, 3… without gaps.</li>
 * </ul>
 */
public sealed interface Resolution {

    /** The sequence number of the revision this submission is (new or existing). */
    int revSeq();

    /** Store a new revision under this sequence number. */
    record NewRevision(int revSeq) implements Resolution {
    }

    /** The article already holds this revision; record the submission only. */
    record Duplicate(int revSeq) implements Resolution {
    }

    /** This very submission was handled before; answer as then, store nothing. */
    record AlreadyAnswered(int revSeq, boolean wasNew) implements Resolution {
    }

    /**
     * @param previousAnswer       the sequence number and outcome given to this submission id before, if any
     * @param sameIdempotencyKey   the sequence number of the article's revision with the same idempotency key, if any
     * @param revisionCount        how many revisions the article holds now
     */
    static Resolution resolve(Optional<AlreadyAnswered> previousAnswer, Optional<Integer> sameIdempotencyKey,
                              int revisionCount) {
        if (previousAnswer.isPresent()) {
            return previousAnswer.get();
        }
        if (sameIdempotencyKey.isPresent()) {
            return new Duplicate(sameIdempotencyKey.get());
        }
        return new NewRevision(revisionCount + 1);
    }
}
