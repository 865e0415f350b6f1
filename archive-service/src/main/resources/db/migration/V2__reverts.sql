-- Identity reverts: a revision whose text equals an earlier, non-adjacent revision of the same article restores it.
ALTER TABLE revision ADD COLUMN restored_rev_seq integer CHECK (restored_rev_seq > 0 AND restored_rev_seq < rev_seq - 1);

-- Finding the latest earlier revision with the same text, under the article lock.
CREATE INDEX revision_by_sha1 ON revision (article_key, rev_sha1, rev_seq);
