-- Texts sealed under per-article keys (ADR 0042): the keys, one row an article epoch, the only place the archive
-- keeps them; each pack says which epoch's key sealed it (null: stored before texts were sealed, in clear). A text's
-- commitment salt now lives sealed in its pack, so a revision row keeps only its comment's and performer's salts
-- (32 bytes); rows archived before keep all three (48).
CREATE TABLE text_key (
    article_key text        NOT NULL REFERENCES article (article_key),
    epoch       integer     NOT NULL CHECK (epoch >= 1),
    key         bytea       NOT NULL CHECK (length(key) = 32),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (article_key, epoch)
);

ALTER TABLE text_pack ADD COLUMN key_epoch integer CHECK (key_epoch >= 1);

ALTER TABLE revision DROP CONSTRAINT revision_leaf_salts_check;
ALTER TABLE revision ADD CONSTRAINT revision_leaf_salts_check CHECK (length(leaf_salts) IN (32, 48));
