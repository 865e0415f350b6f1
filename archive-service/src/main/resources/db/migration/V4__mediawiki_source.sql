-- Where an imported revision came from, in MediaWiki's terms; null for revisions submitted one by one.
ALTER TABLE revision ADD COLUMN source_database text;
ALTER TABLE revision ADD COLUMN source_page_id bigint;
ALTER TABLE revision ADD COLUMN source_page_namespace integer;
ALTER TABLE revision ADD COLUMN source_minor_edit boolean;
ALTER TABLE revision ADD COLUMN source_content_model text;
ALTER TABLE revision ADD COLUMN source_content_format text;
ALTER TABLE revision ADD COLUMN source_sha1_base36 text;
ALTER TABLE revision ADD COLUMN source_import_id text;
