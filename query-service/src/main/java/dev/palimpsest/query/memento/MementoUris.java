package dev.palimpsest.query.memento;

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

    /** @param knownAt the transaction time every link keeps, or null for now (links without it) */
    public MementoUris(UriInfo uriInfo, String articleKey, Instant knownAt) {
        this.uriInfo = uriInfo;
        this.articleKey = articleKey;
        this.knownAt = knownAt;
    }

    public URI original() {
        return path("/articles/{key}").build(articleKey);
    }

    public URI timeGate() {
        return path("/articles/{key}/timegate").build(articleKey);
    }

    public URI timeMap() {
        return path("/articles/{key}/timemap").build(articleKey);
    }

    /** The TimeMap's URI, to add the query parameters of a page to. */
    public UriBuilder timeMapPage() {
        return path("/articles/{key}/timemap").resolveTemplate("key", articleKey);
    }

    public URI memento(int revSeq) {
        return path("/articles/{key}/revisions/{n}").build(articleKey, revSeq);
    }

    private UriBuilder path(String template) {
        UriBuilder path = uriInfo.getBaseUriBuilder().path(template);
        return knownAt == null ? path : path.queryParam("knownAt", knownAt.toString());
    }
}
