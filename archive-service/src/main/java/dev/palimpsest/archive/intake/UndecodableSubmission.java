package dev.palimpsest.archive.intake;

/** A record on the submitted topic that is not a {@code SubmittedEvent} (revision or redaction request) this archive can read. */
public class UndecodableSubmission extends RuntimeException {

    public UndecodableSubmission(String reason) {
        super(reason, null, false, false);
    }
}
