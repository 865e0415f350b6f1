package dev.palimpsest.query.readmodel;

/** A record on the archived topic that is not an archive event this service can read (or has no value at all). */
public class UndecodableArchiveEvent extends RuntimeException {

    public UndecodableArchiveEvent(String reason) {
        super(reason, null, false, false);
    }
}
