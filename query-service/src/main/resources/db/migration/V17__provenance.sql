-- Token provenance (ADR 0044): who wrote each token of each revision, derived from the revisions and texts above,
-- so a rebuilt generation starts without it and attributes its articles again.

-- One row per attributed revision: its tokens' numbers (a token keeps its number through moves, removals and
-- reintroductions), whole at a checkpoint or as changes to the attributed revision before it in edit order.
CREATE TABLE provenance (
    article_key    text    NOT NULL,
    rev_seq        integer NOT NULL,
    edit_index     integer NOT NULL,  -- place among the article's attributed revisions, in edit order, from 0
    checkpoint_seq integer NOT NULL,  -- the revision whose row holds the tokens whole (itself at a checkpoint)
    token_count    integer NOT NULL,
    first_added    integer NOT NULL,  -- the numbers this revision introduced: [first_added, first_added + added)
    added          integer NOT NULL,
    tokens         bytea   NOT NULL,
    PRIMARY KEY (article_key, rev_seq)
);
CREATE INDEX provenance_in_edit_order ON provenance (article_key, edit_index);
CREATE INDEX provenance_origins ON provenance (article_key, first_added) WHERE added > 0;

-- How far each article is attributed: a count of the article's revisions seen, the last one in edit order, and
-- whether a redaction or erasure since asks for the whole article again: the read model's writer counts those in
-- stale_marks (in the transaction that marks the revision), an attribution records the count it started from in
-- attributed_marks, so a mark that lands while an attribution runs is not lost.
CREATE TABLE provenance_article (
    article_key        text        PRIMARY KEY,
    tokenizer          text        NOT NULL,
    revisions_seen     integer     NOT NULL,
    attributed         integer     NOT NULL,
    last_rev_timestamp timestamptz,
    last_tie_break     bigint,
    last_rev_seq       integer,
    stale_marks        integer     NOT NULL DEFAULT 0,
    attributed_marks   integer     NOT NULL DEFAULT 0
);
