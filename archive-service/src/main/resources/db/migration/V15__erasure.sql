-- Erasure (ADR 0042): a redaction that erases re-seals every text its article keeps under the article's next key
-- and destroys the keys before. The erased text's row stays, without a place, saying which redaction erased it
-- (revisions keep naming it by sha1; the hash chain keeps its SHA-256).
ALTER TABLE content ALTER COLUMN pack_id DROP NOT NULL,
                    ALTER COLUMN position DROP NOT NULL,
                    ADD COLUMN erased_by uuid,
                    ADD CONSTRAINT content_held_or_erased
                        CHECK ((pack_id IS NULL) = (erased_by IS NOT NULL) AND (pack_id IS NULL) = (position IS NULL));

ALTER TABLE redaction DROP CONSTRAINT redaction_outcome_check;
ALTER TABLE redaction ADD CONSTRAINT redaction_outcome_check CHECK (outcome IN ('REDACTED', 'ERASED', 'REJECTED'));
-- the article's key epoch an erasure moved to
ALTER TABLE redaction ADD COLUMN key_epoch integer CHECK ((outcome = 'ERASED') = (key_epoch IS NOT NULL));
