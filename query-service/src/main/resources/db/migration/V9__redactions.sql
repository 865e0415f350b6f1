-- Redactions (ADR 0011), as the archive answered each request: a redacted revision keeps its metadata and loses its
-- text (and its other slots' texts) in this read model; the archive keeps the original for its hash chain.
CREATE TABLE redaction (
    redaction_id        uuid        PRIMARY KEY, -- the request's event id
    article_key         text        NOT NULL,
    rev_seq             integer     NOT NULL,
    outcome             text        NOT NULL CHECK (outcome IN ('REDACTED', 'REJECTED')),
    reason              text,
    performer_user_text text,
    performer_user_id   bigint,
    requested_at        timestamptz,
    redacted_at         timestamptz,
    rejection           text,
    CHECK ((outcome = 'REDACTED' AND redacted_at IS NOT NULL AND reason IS NOT NULL AND rejection IS NULL)
        OR (outcome = 'REJECTED' AND rejection IS NOT NULL))
);
CREATE INDEX redaction_of_revision ON redaction (article_key, rev_seq, redacted_at);

-- The first redaction of a revision, on the revision itself: every read of it sees the mark without a join.
ALTER TABLE revision ADD COLUMN redacted_at timestamptz;
ALTER TABLE revision ADD COLUMN redacted_by text;
ALTER TABLE revision ADD COLUMN redaction_reason text;
ALTER TABLE revision ADD CONSTRAINT revision_redaction_marked
    CHECK ((redacted_at IS NULL) = (redaction_reason IS NULL));

-- A text is there with its hash, or hidden at the source with neither, or redacted: gone, its hash kept.
ALTER TABLE revision DROP CONSTRAINT revision_text_or_hidden;
ALTER TABLE revision ADD CONSTRAINT revision_text_or_hidden
    CHECK ((text_hidden AND text IS NULL AND rev_sha1 IS NULL)
        OR (NOT text_hidden AND rev_sha1 IS NOT NULL AND (text IS NOT NULL OR redacted_at IS NOT NULL)));

-- A slot's text goes with its revision's (the revision row says whether it was redacted).
ALTER TABLE revision_slot DROP CONSTRAINT revision_slot_check;
ALTER TABLE revision_slot ADD CONSTRAINT revision_slot_text_or_hidden
    CHECK ((text_hidden AND text IS NULL AND sha1 IS NULL) OR (NOT text_hidden AND sha1 IS NOT NULL));
