package dev.palimpsest.problem;

/**
 * Kinds of error every service can answer, raised by the HTTP layer rather than by a service's own rules: one kind
 * per status, whether the REST layer, Vert.x's router or Vert.x's HTTP/1.x codec (before any route runs) refused the
 * request ({@link ProblemMappers}, {@link HttpLayerProblems}, {@link InvalidRequestProblems}).
 */
public enum HttpProblem implements ProblemKind {
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    /** A request the HTTP layer cannot parse: a malformed request line or header, an invalid percent-encoding. */
    BAD_REQUEST("bad-request", 400, "Bad request"),
    /** No bearer token, or one this service does not accept (expired, signed by another key, another issuer). */
    UNAUTHENTICATED("unauthenticated", 401, "Authentication required"),
    /** A valid token whose roles do not include the one the operation needs. */
    FORBIDDEN("forbidden", 403, "Forbidden"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large"),
    /** A request line (method, path and query) longer than {@code quarkus.http.limits.max-initial-line-length}. */
    URI_TOO_LONG("uri-too-long", 414, "URI too long"),
    /** Request headers larger, together, than {@code quarkus.http.limits.max-header-size}. */
    HEADER_FIELDS_TOO_LARGE("header-fields-too-large", 431, "Request header fields too large"),
    INTERNAL("internal-error", 500, "Internal error"),
    UNAVAILABLE("unavailable", 503, "Service unavailable");

    private final Spec spec;

    HttpProblem(String slug, int status, String title) {
        this.spec = new Spec(slug, status, title);
    }

    @Override
    public Spec spec() {
        return spec;
    }

    /** The kind for a status the HTTP layer produced, falling back to a generic one of the same class. */
    public static HttpProblem forStatus(int status) {
        for (HttpProblem kind : values()) {
            if (kind.status() == status) {
                return kind;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
