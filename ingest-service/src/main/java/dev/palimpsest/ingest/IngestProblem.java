package dev.palimpsest.ingest;

import dev.palimpsest.problem.ProblemKind;

/** Every kind of error ingest-service answers with, each with a stable problem type URI. */
public enum IngestProblem implements ProblemKind {
    MALFORMED_JSON("malformed-json", 400, "Malformed JSON"),
    INVALID_ARTICLE_KEY("invalid-article-key", 400, "Invalid article key"),
    INVALID_REVISION("invalid-revision", 422, "Invalid revision"),
    INVALID_TIMESTAMP("invalid-timestamp", 422, "Invalid timestamp"),
    BODY_TOO_LARGE("body-too-large", 413, "Request body too large"),
    INVALID_PARAMETER("invalid-parameter", 400, "Invalid parameter"),
    /** A redaction request without a usable reason (ADR 0013). */
    INVALID_REDACTION("invalid-redaction", 422, "Invalid redaction"),
    INVALID_DUMP("invalid-dump", 400, "Not a MediaWiki export this archive accepts"),
    IMPORT_NOT_FOUND("import-not-found", 404, "Import not found"),
    IMPORT_TOO_LARGE("import-too-large", 413, "Import too large"),
    RATE_LIMITED("rate-limited", 429, "Too many writes"),
    PUBLISH_FAILED("publish-failed", 503, "Revision not accepted: the log is unavailable"),
    REDACTION_PUBLISH_FAILED("redaction-publish-failed", 503, "Redaction not accepted: the log is unavailable");

    private final Spec spec;

    IngestProblem(String slug, int status, String title) {
        this.spec = new Spec(slug, status, title);
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
