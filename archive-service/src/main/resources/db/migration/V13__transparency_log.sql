-- The transparency log (ADR 0040, 0041): one RFC 9162 Merkle tree per partition of the submitted topic, of which
-- every archived record (a new revision, a duplicate, a redaction request) is a leaf, appended in the transaction
-- that archives it, under the lock of its log's head row.

-- Each log's head: how many leaves it holds and the root hash of the tree they make.
CREATE TABLE transparency_log (
    log_id     smallint    PRIMARY KEY CHECK (log_id >= 0), -- the partition of palimpsest.revisions.submitted
    origin     text        NOT NULL UNIQUE,                 -- the log's name in its checkpoints: <log name>/<partition>
    size       bigint      NOT NULL CHECK (size >= 0),
    root       bytea       NOT NULL CHECK (length(root) = 32),
    updated_at timestamptz NOT NULL
);

-- The log's tree as C2SP tlog-tiles: tile tile_index of tile level level holds (concatenated, 32 bytes each) the
-- hashes [256 * tile_index, 256 * tile_index + width) of that level. A full tile (256 hashes) never changes; the
-- partial tile at the right edge of each level is rewritten as it grows.
CREATE TABLE log_tile (
    log_id     smallint NOT NULL REFERENCES transparency_log (log_id),
    level      smallint NOT NULL CHECK (level >= 0),
    tile_index bigint   NOT NULL CHECK (tile_index >= 0),
    hashes     bytea    NOT NULL CHECK (length(hashes) BETWEEN 32 AND 8192 AND length(hashes) % 32 = 0),
    PRIMARY KEY (log_id, level, tile_index)
);
-- Hashes do not compress: store them without trying.
ALTER TABLE log_tile ALTER COLUMN hashes SET STORAGE EXTERNAL;

-- Where each record is in the log: its log and leaf index. Null for records archived before the log existed.
-- A revision also keeps the salts of its leaf's three commitments (text, comment, performer: 16 bytes each) and its
-- text's commitment (what its answers carry, so a reader of the archived topic can make the leaf without the text).
ALTER TABLE revision ADD COLUMN log_id smallint, ADD COLUMN leaf_index bigint,
    ADD COLUMN leaf_salts bytea CHECK (length(leaf_salts) = 48),
    ADD COLUMN leaf_text_commitment bytea CHECK (length(leaf_text_commitment) = 32);
ALTER TABLE submission ADD COLUMN log_id smallint, ADD COLUMN leaf_index bigint;
ALTER TABLE redaction ADD COLUMN log_id smallint, ADD COLUMN leaf_index bigint;
