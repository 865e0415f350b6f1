package dev.palimpsest.query.memento;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One link of a {@code Link} header (RFC 8288) or an {@code application/link-format} document (RFC 6690), which
 * share one syntax: {@code <uri>; rel="…"; name="value"}. Attribute values here are relation types, media types and
 * Memento datetimes, none of which holds a quote or a backslash, so quoting them needs no escaping.
 *
 * @param attributes further target attributes in order, e.g. {@code type} or {@code datetime}
 */
public record MementoLink(URI target, String rel, Map<String, String> attributes) {

    public static MementoLink of(URI target, String rel) {
        return new MementoLink(target, rel, Map.of());
    }

    public MementoLink with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(attributes);
        more.put(name, value);
        return new MementoLink(target, rel, more);
    }

    @Override
    public String toString() {
        StringBuilder link = new StringBuilder().append('<').append(target.toASCIIString()).append(">; rel=\"")
                .append(rel).append('"');
        attributes.forEach((name, value) -> link.append("; ").append(name).append("=\"").append(value).append('"'));
        return link.toString();
    }

    /** A {@code Link} header's value: the links separated by commas. */
    public static String header(List<MementoLink> links) {
        return links.stream().map(MementoLink::toString).collect(Collectors.joining(", "));
    }

    /** An {@code application/link-format} body: the links separated by commas, one a line for readability. */
    public static String document(List<MementoLink> links) {
        return links.stream().map(MementoLink::toString).collect(Collectors.joining(",\n", "", "\n"));
    }
}
