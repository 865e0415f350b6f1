package dev.palimpsest.query.memento;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reader of RFC 6690 link-format and RFC 8288 {@code Link} header values, written for the tests independently of
 * {@link MementoLink}: links separated by commas (outside {@code <…>} and quoted strings), each a target in angle
 * brackets followed by {@code ;}-separated parameters, values quoted or not.
 */
final class LinkFormat {

    record Link(String target, Map<String, String> parameters) {

        Set<String> rels() {
            return Set.of(parameters.getOrDefault("rel", "").trim().split("\\s+"));
        }

        boolean has(String... rels) {
            return rels().containsAll(List.of(rels));
        }
    }

    private LinkFormat() {
    }

    static List<Link> parse(String text) {
        List<Link> links = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == ',')) {
                i++;
            }
            if (i >= n) {
                return links;
            }
            if (text.charAt(i) != '<') {
                throw new IllegalArgumentException("expected '<' at " + i + ": " + text.substring(i));
            }
            int close = text.indexOf('>', i);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '<' at " + i);
            }
            String target = text.substring(i + 1, close);
            i = close + 1;
            Map<String, String> parameters = new LinkedHashMap<>();
            while (true) {
                while (i < n && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                if (i >= n || text.charAt(i) == ',') {
                    break;
                }
                if (text.charAt(i) != ';') {
                    throw new IllegalArgumentException("expected ';' or ',' at " + i + ": " + text.substring(i));
                }
                i++;
                while (i < n && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                int nameStart = i;
                while (i < n && text.charAt(i) != '=' && text.charAt(i) != ';' && text.charAt(i) != ',') {
                    i++;
                }
                String name = text.substring(nameStart, i).trim().toLowerCase();
                String value = "";
                if (i < n && text.charAt(i) == '=') {
                    i++;
                    if (i < n && text.charAt(i) == '"') {
                        StringBuilder quoted = new StringBuilder();
                        i++;
                        while (i < n && text.charAt(i) != '"') {
                            if (text.charAt(i) == '\\' && i + 1 < n) {
                                i++;
                            }
                            quoted.append(text.charAt(i++));
                        }
                        if (i >= n) {
                            throw new IllegalArgumentException("unclosed quoted string");
                        }
                        i++;
                        value = quoted.toString();
                    } else {
                        int valueStart = i;
                        while (i < n && text.charAt(i) != ';' && text.charAt(i) != ',') {
                            i++;
                        }
                        value = text.substring(valueStart, i).trim();
                    }
                }
                parameters.put(name, value);
            }
            links.add(new Link(target, parameters));
        }
    }
}
