-- Redactions (ADR 0011): an administrator's request to hide a revision's text from every read. A fact of its own:
-- the revision row, its content and its hash chain are never edited (ADR 0010), so the chain still verifies.
-- One row per request (its event id), whatever became of it, so a redelivered request is answered identically.
CREATE TABLE redaction (
    redaction_id   uuid        PRIMARY KEY,
    article_key    text        NOT NULL,
    rev_seq        integer     NOT NULL,
    outcome        text        NOT NULL CHECK (outcome IN ('REDACTED', 'REJECTED')),
    reason         text        NOT NULL,
    performer_id   bigint,
    performer_text text,
    requested_at   timestamptz NOT NULL, -- when the administrator asked (the request's meta.dt)
    recorded_at    timestamptz NOT NULL, -- when the archive recorded it (transaction time)
    rejection      text,                 -- why nothing was redacted
    CHECK ((outcome = 'REJECTED') = (rejection IS NOT NULL))
);

-- The redactions of one revision, oldest first.
CREATE INDEX redaction_of_revision ON redaction (article_key, rev_seq, recorded_at);
