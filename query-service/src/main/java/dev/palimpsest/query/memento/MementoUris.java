package dev.palimpsest.query.memento;

import dev.palimpsest.events.ArticleKey;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.time.Instant;

/**
 * The URIs Memento links name, absolute (as RFC 7089's examples and the Wayback Machine give them), built from the
 * request's base URI. The original resource of an article's revisions is the article, {@code /articles/{key}}
 * (docs/adr/0007-memento.md). Asked as known at a transaction time ({@code knownAt}), every link keeps it, so that
 * following them stays in the archive's past belief (the TimeMap then lists only the mementos known then).
 */
public final class MementoUris {

    private final UriInfo uriInfo;
    private final String articleKey;
    private final Instant knownAt;
    /**
     * {@code <base>/articles/<key>} when the links can be written as strings: now (no {@code knownAt}) and a key
     * as {@link ArticleKey} has them (letters, digits and {@code . _ : ~ -}, not starting with a dot: nothing a
     * path escapes); else null, and {@link UriBuilder} writes them. The builder's templates and
     * escaping were 15 % of query-service's CPU answering as-of requests.
     */
    private final String article;

    /** @param knownAt the transaction time every link keeps, or null for now (links without it) */
    public MementoUris(UriInfo uriInfo, String articleKey, Instant knownAt) {
        this.uriInfo = uriInfo;
        this.articleKey = articleKey;
        this.knownAt = knownAt;
        this.article = knownAt == null && ArticleKey.isValid(articleKey) ? base(uriInfo) + "/articles/" + articleKey : null;
    }

    public URI original() {
        return article != null ? URI.create(article) : path("/articles/{key}").build(articleKey);
    }

    public URI timeGate() {
        return article != null ? URI.create(article + "/timegate") : path("/articles/{key}/timegate").build(articleKey);
    }

    public URI timeMap() {
        return article != null ? URI.create(article + "/timemap") : path("/articles/{key}/timemap").build(articleKey);
    }

    /** The TimeMap's URI, to add the query parameters of a page to. */
    public UriBuilder timeMapPage() {
        return path("/articles/{key}/timemap").resolveTemplate("key", articleKey);
    }

    public URI memento(int revSeq) {
        return article != null ? URI.create(article + "/revisions/" + revSeq)
                : path("/articles/{key}/revisions/{n}").build(articleKey, revSeq);
    }

    private UriBuilder path(String template) {
        UriBuilder path = uriInfo.getBaseUriBuilder().path(template);
        return knownAt == null ? path : path.queryParam("knownAt", knownAt.toString());
    }

    private static String base(UriInfo uriInfo) {
        String base = uriInfo.getBaseUri().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
