-- The read model's copy of the archive's transparency logs (ADR 0040, 0041), made from the archived topic alone:
-- each answer that is a leaf (it says where: its log and index) is made into its leaf again from its own fields and
-- appended here, in the log's order; the signed checkpoints the archive publishes are kept beside, and a checkpoint
-- is served only once this copy holds its tree and has the same root. The tables are those of the archive's logs
-- (dev.palimpsest.tlog.store.LogTables).
CREATE TABLE transparency_log (
    log_id     smallint    PRIMARY KEY CHECK (log_id >= 0),
    origin     text        NOT NULL UNIQUE,
    size       bigint      NOT NULL CHECK (size >= 0),
    root       bytea       NOT NULL CHECK (length(root) = 32),
    updated_at timestamptz NOT NULL
);

CREATE TABLE log_tile (
    log_id     smallint NOT NULL REFERENCES transparency_log (log_id),
    level      smallint NOT NULL CHECK (level >= 0),
    tile_index bigint   NOT NULL CHECK (tile_index >= 0),
    hashes     bytea    NOT NULL CHECK (length(hashes) BETWEEN 32 AND 8192 AND length(hashes) % 32 = 0),
    PRIMARY KEY (log_id, level, tile_index)
);
ALTER TABLE log_tile ALTER COLUMN hashes SET STORAGE EXTERNAL;

-- Every checkpoint read from palimpsest.log.checkpoints: the signed note as published, and what it says.
CREATE TABLE log_checkpoint (
    log_id      smallint    NOT NULL,
    size        bigint      NOT NULL CHECK (size >= 0),
    root        bytea       NOT NULL CHECK (length(root) = 32),
    note        text        NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (log_id, size)
);

-- Where each revision is in the log, and what its leaf needs besides the row: the salts of its commitments and its
-- text's commitment (null for revisions archived before the log existed).
ALTER TABLE revision ADD COLUMN log_id smallint, ADD COLUMN leaf_index bigint, ADD COLUMN leaf_salts bytea,
    ADD COLUMN leaf_text_commitment bytea;
