-- Erasure (ADR 0042): the redaction (request id) that erased a revision's text, with every revision of the article
-- that had the same text; null when not erased. An erased revision is also redacted (its text is never served).
ALTER TABLE revision ADD COLUMN erased_by uuid;
