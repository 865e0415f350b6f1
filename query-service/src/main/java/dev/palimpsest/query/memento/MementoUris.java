package dev.palimpsest.query.memento;

import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;

/**
 * The URIs Memento links name, absolute (as RFC 7089's examples and the Wayback Machine give them), built from the
 * request's base URI. The original resource of an article's revisions is the article, {@code /articles/{key}}
 * (docs/adr/0007-memento.md).
 */
public final class MementoUris {

    private final UriInfo uriInfo;
    private final String articleKey;

    public MementoUris(UriInfo uriInfo, String articleKey) {
        this.uriInfo = uriInfo;
        this.articleKey = articleKey;
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
        return uriInfo.getBaseUriBuilder().path(template);
    }
}
