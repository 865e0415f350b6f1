-- The backfill of records archived before the transparency log existed (ADR 0040, 0041): at start, before the
-- archive consumes anything, each such record becomes a leaf of its article's partition's log. Partial indexes find
-- them oldest first (empty, and free, on an archive that never had such records).
CREATE INDEX revision_without_leaf ON revision (archived_at) WHERE log_id IS NULL;
CREATE INDEX submission_without_leaf ON submission (received_at) WHERE log_id IS NULL;
CREATE INDEX redaction_without_leaf ON redaction (recorded_at) WHERE log_id IS NULL;

-- The leaves one chunk of the backfill appended to each log, whose answers may not have reached the archived topic
-- yet: published again at the next start when the archive stopped before the broker acknowledged them.
CREATE TABLE leaf_backfill (
    log_id     smallint PRIMARY KEY,
    first_leaf bigint   NOT NULL,
    end_leaf   bigint   NOT NULL CHECK (end_leaf > first_leaf)
);
