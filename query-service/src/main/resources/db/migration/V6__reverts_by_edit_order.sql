-- Identity reverts are derived where the history is read, in edit order (docs/adr/0005): the mark the archive made
-- at arrival time was wrong whenever revisions arrived out of edit order, so it is no longer stored.
ALTER TABLE revision DROP COLUMN restored_rev_seq;

-- The history's edit order: edit time, then source revision id (0 when there is none), then sequence number. History
-- pages (keyset, by row comparison) and the "anything between?" test of a revert walk it; revision_by_time lacked the
-- tie break, so ordering by it needed a sort.
CREATE INDEX revision_in_edit_order ON revision (article_key, rev_timestamp, (coalesce(rev_id, 0)), rev_seq);
DROP INDEX revision_by_time;

-- The latest earlier revision with the same text, one backward index step per history row: what a revert restores.
CREATE INDEX revision_by_text_in_edit_order
    ON revision (article_key, rev_sha1, rev_timestamp, (coalesce(rev_id, 0)), rev_seq);
