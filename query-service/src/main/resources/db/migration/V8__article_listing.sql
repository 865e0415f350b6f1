-- Article listing and title-prefix search (GET /articles?prefix=): titles and keys compare by code point, as
-- MediaWiki's binary titles do, whatever the database's default collation. A prefix is then a plain range of the
-- index below ([prefix, successor of prefix)), with no LIKE pattern and nothing locale-dependent, and the listing's
-- keyset cursor is a row comparison on the same index. Equality is unchanged (every collation here is deterministic).
ALTER TABLE article ALTER COLUMN title TYPE text COLLATE "C";
ALTER TABLE article ALTER COLUMN article_key TYPE text COLLATE "C";
-- An article without a title lists first, as ''; coalesce keeps NULL out of the row comparison.
CREATE INDEX article_by_title ON article ((coalesce(title, '')), article_key);
