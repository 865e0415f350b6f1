package dev.palimpsest.ingest.imports;

/** Where an import stands. */
public enum ImportState {
    /** Validated; its revisions are being published by the ingest instance that accepted it. */
    PUBLISHING,
    /** Every revision that could be was published (and acknowledged); rejected items are listed. */
    COMPLETED,
    /** Publishing stopped (e.g. the broker did not acknowledge); revisions published before stay. Retry it. */
    FAILED,
    /**
     * The ingest instance publishing it stopped (killed, crashed, shut down) before the end: the report is the last
     * one it wrote, {@code published} counts what the broker had acknowledged by then (at least that many revisions
     * are in the log and get archived). Importing the same file again publishes the rest and stores nothing twice.
     */
    INTERRUPTED
}
