-- The archive's checkpoints that cover every log at once (ADR 0040 decision 2), as received from the checkpoints
-- topic, by how many leaves the logs held together: each log only grows, so that total orders them. One is served
-- only once this copy of every log it covers holds that log's tree with the same root.
CREATE TABLE log_cover (
    total_size  bigint      PRIMARY KEY CHECK (total_size >= 0),
    note        text        NOT NULL, -- the signed note as published
    received_at timestamptz NOT NULL
);
