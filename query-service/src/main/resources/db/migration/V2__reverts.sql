-- Identity reverts, as the archive decided them: the earlier revision this one restores exactly.
ALTER TABLE revision ADD COLUMN restored_rev_seq integer;
