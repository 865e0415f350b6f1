-- Content in slots other than main (MediaWiki multi-content revisions), as the archive published it.
CREATE TABLE revision_slot (
    article_key text    NOT NULL,
    rev_seq     integer NOT NULL,
    role        text    NOT NULL CHECK (role <> 'main'),
    model       text,
    format      text,
    text        text,
    sha1        char(40),
    len         bigint  NOT NULL,
    text_hidden boolean NOT NULL,
    PRIMARY KEY (article_key, rev_seq, role),
    FOREIGN KEY (article_key, rev_seq) REFERENCES revision (article_key, rev_seq),
    CHECK ((text_hidden AND text IS NULL AND sha1 IS NULL) OR (NOT text_hidden AND text IS NOT NULL AND sha1 IS NOT NULL))
);

-- The article's latest revision follows history order: edit time, then source revision id, then sequence number
-- (V1 left out the source revision id, so equal edit times went by arrival).
ALTER TABLE article ADD COLUMN latest_rev_tie_break bigint NOT NULL DEFAULT 0;
UPDATE article a SET (latest_rev_seq, latest_rev_tie_break, title) = (
    SELECT r.rev_seq, coalesce(r.rev_id, 0), coalesce(r.page_title, a.title) FROM revision r
    WHERE r.article_key = a.article_key
    ORDER BY r.rev_timestamp DESC, coalesce(r.rev_id, 0) DESC, r.rev_seq DESC LIMIT 1);
