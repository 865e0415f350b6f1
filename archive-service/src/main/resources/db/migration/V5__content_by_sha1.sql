-- One stored copy of each distinct text per article. Histories repeat texts often (every identity revert restores
-- one), so revisions name their text by sha1 instead of carrying it. The archive computes the sha1 itself and, on
-- a repeat, checks the bytes are really equal (a sha1 collision is refused, never silently merged).
CREATE TABLE content (
    article_key text     NOT NULL REFERENCES article (article_key),
    sha1        char(40) NOT NULL,
    text        text     NOT NULL,
    PRIMARY KEY (article_key, sha1)
);

INSERT INTO content (article_key, sha1, text)
SELECT DISTINCT ON (article_key, rev_sha1) article_key, rev_sha1, text
FROM revision
WHERE text IS NOT NULL
ORDER BY article_key, rev_sha1, rev_seq;

ALTER TABLE revision DROP CONSTRAINT revision_text_or_hidden;
ALTER TABLE revision DROP COLUMN text;
-- a text is either there (by its hash) or hidden (no hash)
ALTER TABLE revision ADD CONSTRAINT revision_text_or_hidden
    CHECK ((text_hidden AND rev_sha1 IS NULL) OR (NOT text_hidden AND rev_sha1 IS NOT NULL));
ALTER TABLE revision ADD CONSTRAINT revision_content_fk
    FOREIGN KEY (article_key, rev_sha1) REFERENCES content (article_key, sha1);
