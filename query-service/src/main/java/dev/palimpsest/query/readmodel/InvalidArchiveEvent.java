package dev.palimpsest.query.readmodel;

/**
 * An archive event the read model cannot store because it breaks one of the model's invariants. Retrying cannot
 * help, so the consumer dead-letters it and moves on ({@link DeadLetters}).
 */
public class InvalidArchiveEvent extends RuntimeException {

    public InvalidArchiveEvent(String message) {
        super(message, null, false, false);
    }
}
