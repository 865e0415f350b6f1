-- Parts of a revision its source hides (MediaWiki revision deletion): kept as hidden, never as empty values.
ALTER TABLE revision ALTER COLUMN text DROP NOT NULL;
ALTER TABLE revision ALTER COLUMN rev_sha1 DROP NOT NULL;
ALTER TABLE revision ADD COLUMN text_hidden boolean NOT NULL DEFAULT false;
ALTER TABLE revision ADD COLUMN comment_hidden boolean NOT NULL DEFAULT false;
ALTER TABLE revision ADD COLUMN performer_hidden boolean NOT NULL DEFAULT false;
-- a text is either there with its hash, or hidden with neither
ALTER TABLE revision ADD CONSTRAINT revision_text_or_hidden
    CHECK ((text_hidden AND text IS NULL AND rev_sha1 IS NULL) OR (NOT text_hidden AND text IS NOT NULL AND rev_sha1 IS NOT NULL));
