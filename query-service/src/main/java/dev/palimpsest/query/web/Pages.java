package dev.palimpsest.query.web;

import dev.palimpsest.problem.Problem;
import dev.palimpsest.problem.ProblemException;
import dev.palimpsest.problem.ProblemKind;
import dev.palimpsest.problem.ProblemMappers;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.function.Supplier;

/**
 * What every page answers: HTML, not cached (an article changes as revisions arrive), and for a bad request the
 * API's problem (same status, title and detail) as a page a reader can follow. A client that does not ask for HTML
 * (curl, a script) gets the problem as {@code application/problem+json}, as from the API.
 */
final class Pages {

    static final String HTML = "text/html; charset=UTF-8";
    private static final CacheControl NO_CACHE = CacheControl.valueOf("no-cache");

    private Pages() {
    }

    static Response html(String page) {
        return Response.ok(page, HTML).cacheControl(NO_CACHE).build();
    }

    /** The page {@code render} makes, or the error page of the problem it throws. */
    static Response answer(HttpHeaders headers, UriInfo uri, Supplier<Response> render) {
        try {
            return render.get();
        } catch (ProblemException e) {
            return error(headers, uri, e.kind(), e.detail());
        }
    }

    static Response error(HttpHeaders headers, UriInfo uri, ProblemKind kind, String detail) {
        if (!asksForHtml(headers)) {
            return ProblemMappers.respond(Problem.of(kind, detail, uri.getPath()));
        }
        String page = Templates.error(new ErrorView(kind.status(), kind.title(), detail)).render();
        return Response.status(kind.status()).type(HTML).cacheControl(NO_CACHE).entity(page).build();
    }

    /** Whether the client names HTML among what it accepts (a browser does; {@code *}{@code /*} alone is not it). */
    private static boolean asksForHtml(HttpHeaders headers) {
        return headers.getAcceptableMediaTypes().stream()
                .anyMatch(type -> type.getType().equalsIgnoreCase("text")
                        && type.getSubtype().equalsIgnoreCase("html"));
    }
}
