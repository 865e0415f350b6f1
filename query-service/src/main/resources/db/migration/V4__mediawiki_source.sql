-- Where an imported revision came from (MediaWiki database, page id, namespace, minor flag, content model…), as the
-- archive relayed it: JSON, shown as is; null for revisions submitted one by one.
ALTER TABLE revision ADD COLUMN source jsonb;
