package dev.palimpsest.query.readmodel;

/**
 * An archive event the read model cannot store because it breaks one of the model's invariants. Retrying cannot
 * help, so the consumer logs it and moves on (a dead-letter topic will keep such events later).
 */
public class InvalidArchiveEvent extends RuntimeException {

    public InvalidArchiveEvent(String message) {
        super(message, null, false, false);
    }
}
