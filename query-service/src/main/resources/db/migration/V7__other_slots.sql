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
