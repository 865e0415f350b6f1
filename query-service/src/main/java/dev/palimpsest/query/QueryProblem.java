package dev.palimpsest.query;

import dev.palimpsest.problem.ProblemKind;

/** Every kind of error query-service answers with, each with a stable problem type URI. */
public enum QueryProblem implements ProblemKind {
    ARTICLE_NOT_FOUND("article-not-found", 404, "Article not found"),
    REVISION_NOT_FOUND("revision-not-found", 404, "Revision not found"),
    /** The revision exists now, but the archive stored it after the {@code knownAt} asked about. */
    REVISION_NOT_YET_ARCHIVED("revision-not-yet-archived", 404, "Revision not yet archived at knownAt"),
    SLOT_NOT_FOUND("slot-not-found", 404, "Slot not found"),
    NO_REVISION_AT_TIME("no-revision-at-time", 404, "No revision at that time"),
    SUBMISSION_NOT_ARCHIVED("submission-not-archived", 404, "Submission not archived"),
    INVALID_TIMESTAMP("invalid-timestamp", 400, "Invalid timestamp"),
    INVALID_CURSOR("invalid-cursor", 400, "Invalid cursor"),
    TITLE_NOT_FOUND("title-not-found", 404, "Title not found"),
    TEXT_HIDDEN("text-hidden", 410, "Text hidden"),
    /** The revision's text was redacted by an administrator (ADR 0013); its metadata stays readable. */
    REVISION_REDACTED("revision-redacted", 410, "Revision redacted"),
    /** A redaction request the archive has not answered yet (or never received). */
    REDACTION_NOT_RECORDED("redaction-not-recorded", 404, "Redaction not recorded"),
    /** A read-model rebuild was asked for while another is running (ADR 0024). */
    REBUILD_IN_PROGRESS("rebuild-in-progress", 409, "Rebuild in progress"),
    /** A read-model rebuild this instance cannot do safely: others consume the archived topic too (ADR 0024). */
    REBUILD_REFUSED("rebuild-refused", 409, "Rebuild refused"),
    /** No read-model rebuild has been started on this instance since it started. */
    NO_REBUILD("no-rebuild", 404, "No rebuild"),
    INVALID_PARAMETER("invalid-parameter", 400, "Invalid parameter"),
    /** A time filter whose start is after its end. */
    INVALID_TIME_RANGE("invalid-time-range", 400, "Invalid time range"),
    /** A Memento {@code Accept-Datetime} header that is not an RFC 1123 date (RFC 7089, section 2.1.1). */
    INVALID_ACCEPT_DATETIME("invalid-accept-datetime", 400, "Invalid Accept-Datetime"),
    /** No transparency log of that id (ADR 0040), or the read model holds none of it yet. */
    LOG_NOT_FOUND("log-not-found", 404, "Transparency log not found"),
    /** No tile at that path of a transparency log: not yet that wide, or no such tile. */
    TILE_NOT_FOUND("tile-not-found", 404, "Tile not found"),
    /**
     * A revision that cannot be proven yet: archived before the transparency log existed, or not yet covered by a
     * signed checkpoint the read model's copy of the log agrees with (seconds after it is archived).
     */
    PROOF_NOT_AVAILABLE("proof-not-available", 404, "Proof not available"),
    /** No token at that place in the revision's text. */
    TOKEN_NOT_FOUND("token-not-found", 404, "Token not found"),
    /**
     * The revision's tokens are being attributed by another instance or thread (a whole long history can take a
     * minute): asked again shortly, the answer is there.
     */
    PROVENANCE_PENDING("provenance-pending", 503, "Provenance pending");

    private final Spec spec;

    QueryProblem(String slug, int status, String title) {
        this.spec = new Spec(slug, status, title);
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
