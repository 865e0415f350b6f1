-- query-service read model: derived entirely from palimpsest.revisions.archived, so dropping this database and
-- replaying the topic from offset 0 rebuilds it. Every write is idempotent (primary keys + ON CONFLICT).

-- One row per archived revision, exactly as the archive numbered it.
CREATE TABLE revision (
    article_key         text        NOT NULL,
    rev_seq             integer     NOT NULL,
    page_title          text,
    rev_timestamp       timestamptz NOT NULL, -- valid time: when the edit was made
    archived_at         timestamptz NOT NULL, -- transaction time: when the archive stored it
    rev_id              bigint,
    rev_parent_id       bigint,
    performer_user_text text,
    performer_user_id   bigint,
    comment             text,
    text                text        NOT NULL,
    rev_sha1            text        NOT NULL,
    rev_len             bigint      NOT NULL,
    submission_id       uuid        NOT NULL,
    PRIMARY KEY (article_key, rev_seq)
);

-- History pages and as-of lookups walk this index in (rev_timestamp, rev_seq) order, in either direction.
CREATE INDEX revision_by_time ON revision (article_key, rev_timestamp, rev_seq);

-- The archive's answer to each submission: the revision it became (RevisionArchived) or already was
-- (SubmissionDeduplicated).
CREATE TABLE submission (
    submission_id uuid    PRIMARY KEY,
    article_key   text    NOT NULL,
    rev_seq       integer NOT NULL
);

-- One row per article, kept up to date incrementally so summaries never scan the history.
CREATE TABLE article (
    article_key         text        PRIMARY KEY,
    title               text,                 -- title of the latest revision by (rev_timestamp, rev_seq)
    revision_count      integer     NOT NULL,
    first_rev_timestamp timestamptz NOT NULL,
    last_rev_timestamp  timestamptz NOT NULL,
    latest_rev_seq      integer     NOT NULL  -- the revision that is latest by (rev_timestamp, rev_seq)
);
