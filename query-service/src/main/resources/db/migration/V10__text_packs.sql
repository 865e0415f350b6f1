-- Texts as packs (ADR 0026): an article's texts compressed together, as the archive ships them on the archived topic
-- (TextsArchived), instead of every revision's full text in its row. V11 moves the texts of revision.text here.

-- One zstd frame of one article's texts (text-store's PackCodec), primed with the text base_sha1 names, or none.
CREATE TABLE text_pack (
    pack_id     uuid     PRIMARY KEY, -- the archive's event id (a pack rewritten by a redaction gets a new one)
    article_key text     NOT NULL,
    base_sha1   char(40),
    chain_packs integer  NOT NULL,    -- packs decompressed to read one of its texts: itself and its bases'
    chain_bytes bigint   NOT NULL,    -- and the bytes of text they hold
    bytes       bytea    NOT NULL
);
-- Compressed already: PostgreSQL would only spend time failing to compress it again.
ALTER TABLE text_pack ALTER COLUMN bytes SET STORAGE EXTERNAL;
-- The packs primed with a text, which a redaction of that text re-packs.
CREATE INDEX text_pack_by_base ON text_pack (article_key, base_sha1) WHERE base_sha1 IS NOT NULL;

-- Where each distinct text of an article is: its pack and its position in it. A pack holds exactly the texts that
-- point to it.
CREATE TABLE text (
    article_key text     NOT NULL,
    sha1        char(40) NOT NULL,
    pack_id     uuid     NOT NULL REFERENCES text_pack,
    position    integer  NOT NULL,
    PRIMARY KEY (article_key, sha1)
);
