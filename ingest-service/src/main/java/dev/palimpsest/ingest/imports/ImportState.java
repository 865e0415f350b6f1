package dev.palimpsest.ingest.imports;

/** Where an import stands. */
public enum ImportState {
    /** Validated; its revisions are being published. */
    PUBLISHING,
    /** Every revision that could be was published (and acknowledged); rejected items are listed. */
    COMPLETED,
    /** Publishing stopped (e.g. the broker did not acknowledge); revisions published before stay. Retry it. */
    FAILED
}
