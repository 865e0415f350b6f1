-- Content in slots other than main (MediaWiki multi-content revisions, e.g. Commons' mediainfo), by role. Texts live
-- in content like main texts: once per article, by sha1.
CREATE TABLE revision_slot (
    article_key text     NOT NULL,
    rev_seq     integer  NOT NULL,
    role        text     NOT NULL CHECK (role <> 'main'),
    model       text,
    format      text,
    sha1        char(40),
    len         bigint   NOT NULL,
    text_hidden boolean  NOT NULL,
    PRIMARY KEY (article_key, rev_seq, role),
    FOREIGN KEY (article_key, rev_seq) REFERENCES revision (article_key, rev_seq),
    FOREIGN KEY (article_key, sha1) REFERENCES content (article_key, sha1),
    CHECK ((text_hidden AND sha1 IS NULL AND len = -1) OR (NOT text_hidden AND sha1 IS NOT NULL AND len >= 0))
);
