package dev.palimpsest.events;

/** The Kafka topics of Palimpsest: the one place their names are written down. */
public final class Topics {

    /**
     * Every revision accepted by ingest, and every redaction requested ({@link SubmittedEvent}), keyed by article
     * key. The log of record until the archive holds it: trimmed behind the archive, after a restore window
     * ({@code palimpsest.archive.submitted.restore-window}) or at once up to an erasure (ADR 0042).
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

    /**
     * The articles' text keys ({@link TextKeyState}, ADR 0042), keyed by article and epoch, written by the archive
     * before any pack sealed with a key is published, read by the read model to open its packs. Compacted: a key's
     * latest state is what counts, and an erasure's marker replaces the key, whose bytes compaction then drops. As
     * sensitive as the texts: whoever reads it and the archived topic reads every text not erased.
     */
    public static final String TEXT_KEYS = "palimpsest.text-keys";

    /**
     * How {@link #TEXT_KEYS} is compacted, besides {@code cleanup.policy=compact} (ADR 0042): a segment is closed
     * after ten minutes (at the next record: the archive writes one once an erasure's marker is that old), compacted
     * within ten minutes of being closed whatever else is dirty, and its old file deleted a minute later. A destroyed
     * key's bytes are then gone from the broker's disk within about twenty minutes of the erasure.
     */
    public static final java.util.Map<String, String> TEXT_KEYS_COMPACTION = java.util.Map.of(
            "segment.ms", "600000",
            "max.compaction.lag.ms", "600000",
            "min.cleanable.dirty.ratio", "0.01",
            "file.delete.delay.ms", "60000");

    /**
     * The segments of {@link #REVISIONS_SUBMITTED}: closed after an hour at most, so that trimming it behind the
     * archive (ADR 0042) can delete a segment that held an erased text within about an hour of the erasure. Kafka
     * deletes only closed segments, and closes one only when a record is appended once this has passed.
     */
    public static final java.util.Map<String, String> SUBMITTED_SEGMENTS = java.util.Map.of("segment.ms", "3600000");

    /** Every dead-letter topic, for those that watch them all. */
    public static final java.util.List<String> DEAD_LETTER_TOPICS = java.util.List.of(REVISIONS_DLQ, ARCHIVED_DLQ);

    /** Partitions created by the devstack; partitioning by article key keeps per-article order. */
    public static final int DEFAULT_PARTITIONS = 3;

    private Topics() {
    }
}
