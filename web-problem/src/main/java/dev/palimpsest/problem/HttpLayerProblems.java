package dev.palimpsest.problem;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Problem details for the 4xx answers Quarkus's and Vert.x's router give without the REST layer (whose own refusals
 * {@link ProblemMappers} answers):
 * <ul>
 *     <li>a body announced ({@code Content-Length}) larger than {@code quarkus.http.limits.max-body-size}:
 *     {@code 413 payload-too-large}, before any of it is read, from a route ordered just before Quarkus's own check
 *     of the same limit (which would answer an empty 413);</li>
 *     <li>any other 4xx the router fails a request with (an HTTP/1.1 request without {@code Host}: {@code 400}) or
 *     answers when no route matches: the {@link HttpProblem} of that status.</li>
 * </ul>
 * What the codec refuses before the router runs (414, 431, unparseable requests) is {@link InvalidRequestProblems}'s.
 * A HEAD request gets the headers of the answer alone (Vert.x writes no body for HEAD).
 */
@Singleton
public class HttpLayerProblems {

    /** Quarkus checks the body limit at order -2 (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT); this comes first. */
    static final int BEFORE_QUARKUS_BODY_LIMIT = -3;

    private final Optional<MemorySize> maxBodySize;

    HttpLayerProblems(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    void answerWithProblems(@Observes Router router) {
        maxBodySize.ifPresent(limit -> router.route().order(BEFORE_QUARKUS_BODY_LIMIT)
                .handler(context -> refuseAnnouncedBodyOver(limit.asLongValue(), context)));
        router.route().order(Integer.MIN_VALUE).failureHandler(HttpLayerProblems::answerFailure);
        for (int status = 400; status < 500; status++) {
            int unhandled = status; // the context's own status is not set when no route matched
            router.errorHandler(status, context -> answerUnhandled(context, unhandled));
        }
    }

    private static void refuseAnnouncedBodyOver(long limit, RoutingContext context) {
        String announced = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = announced == null ? -1 : Long.parseLong(announced.strip());
        } catch (NumberFormatException notANumber) {
            length = -1; // the codec refuses a malformed Content-Length before this runs
        }
        if (length <= limit) {
            context.next();
            return;
        }
        // the body will not be read: the connection closes after the answer, as Quarkus's own check does
        context.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .endHandler(ended -> context.request().connection().close());
        respond(context, Problem.of(HttpProblem.PAYLOAD_TOO_LARGE, "the body has " + length
                + " bytes; this service accepts at most " + limit, path(context)));
    }

    /** A failure with a 4xx status, before any other failure handler (Quarkus's last) has answered it. */
    private static void answerFailure(RoutingContext context) {
        int status = context.statusCode();
        if (status < 400 || status >= 500 || context.response().headWritten()) {
            context.next();
            return;
        }
        answerStatus(context, status);
    }

    /** What the router answers when no route matched or no failure handler answered (it must not call next). */
    private static void answerUnhandled(RoutingContext context, int status) {
        if (!context.response().headWritten()) {
            answerStatus(context, status);
        }
    }

    private static void answerStatus(RoutingContext context, int status) {
        HttpProblem kind = HttpProblem.forStatus(status);
        respond(context, new Problem(kind.type(), kind.title(), status, detail(status), path(context)));
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "the request could not be understood (e.g. an HTTP/1.1 request without a Host header)";
            case 404 -> "nothing is served at this path";
            case 405 -> "this path does not allow the request's method";
            default -> "HTTP " + status + " " + HttpResponseStatus.valueOf(status).reasonPhrase();
        };
    }

    /** The request's path, if it can be normalised at all. */
    private static String path(RoutingContext context) {
        try {
            return context.normalizedPath();
        } catch (RuntimeException undecodable) {
            return null;
        }
    }

    private static void respond(RoutingContext context, Problem problem) {
        context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(InvalidRequestProblems.json(problem));
    }
}
