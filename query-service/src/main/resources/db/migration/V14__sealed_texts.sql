-- Texts sealed under per-article keys (ADR 0042). The keys come from their own topic (palimpsest.text-keys), not from
-- the archived topic a rebuild replays, so every read-model generation shares one table of them, in a schema of its
-- own that no generation swap renames or drops (created by whichever generation migrates first). A destroyed key
-- keeps its row without its bytes: the packs it sealed are skipped, never waited for.
CREATE SCHEMA IF NOT EXISTS read_model_keys;
CREATE TABLE IF NOT EXISTS read_model_keys.text_key (
    article_key  text        NOT NULL,
    epoch        integer     NOT NULL CHECK (epoch >= 1),
    key          bytea       CHECK (length(key) = 32),
    destroyed_at timestamptz,
    destroyed_by uuid,
    CHECK ((key IS NULL) = (destroyed_at IS NOT NULL)),
    PRIMARY KEY (article_key, epoch)
);

-- The epoch of the article's key a pack is sealed with, as shipped (null: shipped in clear, before sealing).
ALTER TABLE text_pack ADD COLUMN key_epoch integer CHECK (key_epoch >= 1);
