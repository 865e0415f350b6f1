package dev.palimpsest.problem;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Answers the requests Vert.x's HTTP/1.x codec refuses before any route runs with problem details, where Vert.x
 * alone would answer an empty {@code 414}, {@code 431} or {@code 400} (or close the connection):
 * <ul>
 *     <li>a request line longer than {@code quarkus.http.limits.max-initial-line-length}: {@code 414 uri-too-long};</li>
 *     <li>headers larger than {@code quarkus.http.limits.max-header-size}: {@code 431 header-fields-too-large};</li>
 *     <li>anything else the codec cannot parse (a malformed request line or header line, a bad chunk size):
 *     {@code 400 bad-request};</li>
 *     <li>a request whose URI is not a URI (an invalid percent-encoding), which Quarkus's request handler would refuse
 *     with an empty {@code 400}: {@code 400 bad-request}, connection kept.</li>
 * </ul>
 * It is Vert.x's own hook, {@link HttpServer#invalidRequestHandler}, which Quarkus 3.33 does not let an application
 * set: web-problem's deployment module makes Quarkus's HTTP server call {@link #requestHandler} where it sets its
 * request handler (ADR 0023). The codec's limits stay what they are; only the answer changes. The connection is
 * closed after the answer, as Vert.x does: the codec discards whatever follows a request it could not parse. The
 * body names neither the limit's exception nor the request (its line may be what was too long). A HEAD request gets
 * the headers alone, except after a 414: the codec gave up before it read the method, and Vert.x reports such a
 * request as a GET (the connection closes after the body, so no client takes it for a next answer).
 */
public final class InvalidRequestProblems implements Handler<HttpServerRequest> {

    private static final Logger LOG = Logger.getLogger(InvalidRequestProblems.class);

    private static final InvalidRequestProblems INSTANCE = new InvalidRequestProblems();

    /** Quarkus's switch for its own check of URIs, honoured here too. */
    private static final boolean VALIDATE_URIS = !Boolean.getBoolean("vertx.disableURIValidation");

    private InvalidRequestProblems() {
    }

    /**
     * Sets {@code handler} as {@code server}'s request handler, as {@link HttpServer#requestHandler} does, and these
     * problem answers as its handler of invalid requests. Quarkus's HTTP server calls this instead of
     * {@link HttpServer#requestHandler} (before it listens, when Vert.x takes both handlers).
     * <p>
     * Quarkus's request handler first refuses a request whose URI is not an RFC 3986 URI (an invalid
     * percent-encoding such as {@code /articles/%zz}) with an empty {@code 400}; the same check comes first here, so
     * that it answers {@code 400 bad-request} instead (and Quarkus's never fires).
     */
    public static HttpServer requestHandler(HttpServer server, Handler<HttpServerRequest> handler) {
        return server.invalidRequestHandler(INSTANCE).requestHandler(request -> {
            if (VALIDATE_URIS && !isUri(request.uri())) {
                answer(request, problem(HttpProblem.BAD_REQUEST, "the request's path or query is not a valid URI"
                        + " (e.g. a '%' not followed by two hexadecimal digits)"), false);
            } else {
                handler.handle(request);
            }
        });
    }

    private static boolean isUri(String uri) {
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Override
    public void handle(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        Problem problem;
        if (cause instanceof TooLongHttpLineException) {
            problem = problem(HttpProblem.URI_TOO_LONG, "the request line (method, path and query) is longer than"
                    + limit("quarkus.http.limits.max-initial-line-length")
                    + "; send a shorter path or query");
        } else if (cause instanceof TooLongHttpHeaderException) {
            problem = problem(HttpProblem.HEADER_FIELDS_TOO_LARGE, "the request's headers are larger, together, than"
                    + limit("quarkus.http.limits.max-header-size") + "; send fewer or smaller headers");
        } else {
            problem = problem(HttpProblem.BAD_REQUEST, "the request is not HTTP this server can parse (a malformed"
                    + " request line or header line)");
        }
        LOG.debugf("refused an invalid request from %s: %d %s", request.remoteAddress(), problem.status(),
                problem.type());
        answer(request, problem, true);
    }

    /** Answers with the problem; closes the connection afterwards if asked to. */
    private static void answer(HttpServerRequest request, Problem problem, boolean close) {
        HttpServerResponse response = request.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        response.end(json(problem)).onComplete(sent -> {
            if (close) {
                response.close();
            }
        });
    }

    private static Problem problem(HttpProblem kind, String detail) {
        return Problem.of(kind, detail, null);
    }

    /** The body, as {@link ProblemMappers} writes it (no instance: the request line may be what was too long). */
    static String json(Problem problem) {
        JsonObject body = new JsonObject().put("type", problem.type()).put("title", problem.title())
                .put("status", problem.status());
        if (problem.detail() != null) {
            body.put("detail", problem.detail());
        }
        if (problem.instance() != null) {
            body.put("instance", problem.instance());
        }
        return body.encode();
    }

    /** " this server's limit of N bytes", N from the configuration (without it, " this server's limit"). */
    private static String limit(String property) {
        Optional<MemorySize> bytes;
        try {
            bytes = ConfigProvider.getConfig().getOptionalValue(property, MemorySize.class);
        } catch (RuntimeException unreadable) {
            bytes = Optional.empty();
        }
        return " this server's limit" + bytes.map(size -> " of " + size.asLongValue() + " bytes").orElse("");
    }
}
