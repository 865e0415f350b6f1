-- Reverts are derived where the history is read, in edit order (ADR 0005): a mark stored at arrival went stale
-- whenever an older revision arrived later. The text index of V2 is superseded by content's primary key.
DROP INDEX revision_by_sha1;
ALTER TABLE revision DROP COLUMN restored_rev_seq;
