package dev.palimpsest.query.memento;

import dev.palimpsest.query.readmodel.Revision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Memento headers of responses that are (or show) a memento: a revision. */
@ApplicationScoped
public class MementoHeaders {

    public static final String MEMENTO_DATETIME = "Memento-Datetime";
    public static final String ACCEPT_DATETIME = "Accept-Datetime";
    public static final String LINK_FORMAT = "application/link-format";

    private final Mementos mementos;

    public MementoHeaders(Mementos mementos) {
        this.mementos = mementos;
    }

    /**
     * {@code Memento-Datetime} and a {@code Link} to the original resource, TimeGate, TimeMap and the first, previous,
     * next and last mementos (previous and next omitted at the ends; a URI with several relations is one link with
     * them all, e.g. {@code rel="first prev memento"}). As known at {@code knownAt} (null: now): the neighbours
     * among the revisions archived by then, and every link keeping {@code knownAt}.
     */
    public Response.ResponseBuilder addForRevision(Response.ResponseBuilder response, UriInfo uriInfo,
                                                   Revision revision, Instant knownAt) {
        MementoUris uris = new MementoUris(uriInfo, revision.articleKey, knownAt);
        Mementos.Neighbours around = mementos.around(revision, knownAt);
        List<MementoLink> links = new ArrayList<>(originalAndGates(uris));
        Map<Integer, List<String>> relations = new LinkedHashMap<>();
        Map<Integer, Memento> targets = new LinkedHashMap<>();
        relate(relations, targets, around.first(), "first");
        relate(relations, targets, around.previous(), "prev");
        relate(relations, targets, around.next(), "next");
        relate(relations, targets, around.last(), "last");
        relations.forEach((revSeq, rels) -> links.add(MementoLink.of(uris.memento(revSeq),
                        String.join(" ", rels) + " memento")
                .with("datetime", MementoDatetime.format(targets.get(revSeq).revTimestamp()))));
        return response.header(MEMENTO_DATETIME, MementoDatetime.format(revision.revTimestamp))
                .header("Link", MementoLink.header(links));
    }

    /**
     * {@code Memento-Datetime} and a {@code Link} to the original resource, TimeGate and TimeMap only: for answers
     * that show a memento without being it (as-of, whose {@code Content-Location} names the memento).
     */
    public Response.ResponseBuilder addForNegotiated(Response.ResponseBuilder response, MementoUris uris,
                                                     Revision revision) {
        return response.header(MEMENTO_DATETIME, MementoDatetime.format(revision.revTimestamp))
                .header("Link", MementoLink.header(originalAndGates(uris)));
    }

    /**
     * What an original resource links to (RFC 7089): its TimeGate and TimeMap, keeping {@code knownAt} (null: now).
     */
    public static String originalLinks(UriInfo uriInfo, String articleKey, Instant knownAt) {
        MementoUris uris = new MementoUris(uriInfo, articleKey, knownAt);
        return MementoLink.header(List.of(MementoLink.of(uris.timeGate(), "timegate"),
                MementoLink.of(uris.timeMap(), "timemap").with("type", LINK_FORMAT)));
    }

    static List<MementoLink> originalAndGates(MementoUris uris) {
        return List.of(MementoLink.of(uris.original(), "original"),
                MementoLink.of(uris.timeGate(), "timegate"),
                MementoLink.of(uris.timeMap(), "timemap").with("type", LINK_FORMAT));
    }

    private static void relate(Map<Integer, List<String>> relations, Map<Integer, Memento> targets, Memento memento,
                               String rel) {
        if (memento != null) {
            relations.computeIfAbsent(memento.revSeq(), seq -> new ArrayList<>()).add(rel);
            targets.put(memento.revSeq(), memento);
        }
    }
}
