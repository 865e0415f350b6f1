package dev.palimpsest.tlog;

/** A proof that does not prove what it claims; the message says what failed, for the person who checks. */
public final class InvalidProofException extends Exception {

    public InvalidProofException(String message) {
        super(message);
    }
}
