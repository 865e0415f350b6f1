-- The archive's versioned history: the system of record for per-article order.

-- One row per article; locked while a revision of it is numbered, so sequence numbers have no gaps or twins.
CREATE TABLE article (
    article_key    text        PRIMARY KEY,
    current_title  text        NOT NULL,
    revision_count integer     NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL
);

-- Every stored revision. rev_seq numbers an article's revisions 1, 2, 3… in the order the archive received them.
CREATE TABLE revision (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_key     text        NOT NULL REFERENCES article (article_key),
    rev_seq         integer     NOT NULL CHECK (rev_seq > 0),
    submission_id   uuid        NOT NULL UNIQUE,
    idempotency_key text        NOT NULL,
    page_title      text        NOT NULL,
    rev_timestamp   timestamptz NOT NULL,
    rev_id          bigint,
    rev_parent_id   bigint,
    performer_id    bigint,
    performer_text  text,
    comment         text,
    text            text        NOT NULL,
    rev_sha1        char(40)    NOT NULL,
    rev_len         bigint      NOT NULL,
    archived_at     timestamptz NOT NULL,
    CONSTRAINT revision_seq_unique UNIQUE (article_key, rev_seq),
    -- the idempotency guarantee: one revision per key per article, whatever the consumer does
    CONSTRAINT revision_idempotency_unique UNIQUE (article_key, idempotency_key)
);

-- Every submission the archive has answered, and the revision it resolved to: a redelivered event finds its
-- answer here and is answered again, identically, without storing anything.
CREATE TABLE submission (
    submission_id uuid        PRIMARY KEY,
    article_key   text        NOT NULL REFERENCES article (article_key),
    rev_seq       integer     NOT NULL,
    outcome       text        NOT NULL CHECK (outcome IN ('ARCHIVED', 'DEDUPLICATED')),
    received_at   timestamptz NOT NULL
);
