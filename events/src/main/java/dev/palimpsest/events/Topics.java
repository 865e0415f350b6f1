package dev.palimpsest.events;

/** The Kafka topics of Palimpsest: the one place their names are written down. */
public final class Topics {

    /**
     * Every revision accepted by ingest, and every redaction requested ({@link SubmittedEvent}), keyed by article
     * key. The log of record: infinite retention,
     * the archive can be rebuilt from it.
     */
    public static final String REVISIONS_SUBMITTED = "palimpsest.revisions.submitted";

    /**
     * What the archive decided for each submission (new numbered revision or duplicate) and each redaction request
     * (redacted or rejected), keyed by article key.
     */
    public static final String REVISIONS_ARCHIVED = "palimpsest.revisions.archived";

    /** Events that could not be decoded or broke an invariant, with the reason in headers. */
    public static final String REVISIONS_DLQ = "palimpsest.revisions.dlq";

    /**
     * Archived events the query service could not decode or that broke a read-model invariant, with the reason in
     * headers ({@link dev.palimpsest.events.kafka.DeadLetterHeaders}).
     */
    public static final String ARCHIVED_DLQ = "palimpsest.archived.dlq";

    /**
     * The latest report of every MediaWiki import ({@link ImportStatus}), keyed by import id, written by the ingest
     * instance running it and read by all of them, so that any replica answers {@code GET /imports/{id}}. Compacted:
     * only the last record of each import is kept. Not a log of record: the revisions an import published are in
     * {@link #REVISIONS_SUBMITTED} whatever becomes of its report.
     */
    public static final String IMPORTS = "palimpsest.imports";

    /**
     * The signed checkpoints of the archive's transparency logs (C2SP tlog-checkpoint in a signed note, ADR 0040),
     * keyed by log origin, the value the note's text. Compacted: the latest checkpoint of each log is what counts;
     * readers that keep every one see each as it is published. Not a log of record: the archive signs its heads again.
     */
    public static final String LOG_CHECKPOINTS = "palimpsest.log.checkpoints";

    /** Every dead-letter topic, for those that watch them all. */
    public static final java.util.List<String> DEAD_LETTER_TOPICS = java.util.List.of(REVISIONS_DLQ, ARCHIVED_DLQ);

    /** Partitions created by the devstack; partitioning by article key keeps per-article order. */
    public static final int DEFAULT_PARTITIONS = 3;

    private Topics() {
    }
}
