-- Lookup by title, current or former: renames keep one history under one key, and old links still resolve.
CREATE INDEX revision_by_title ON revision (page_title, rev_timestamp);
