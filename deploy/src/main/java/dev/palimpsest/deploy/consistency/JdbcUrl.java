package dev.palimpsest.deploy.consistency;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of a PostgreSQL JDBC URL the manifests must agree on: host, port (default 5432) and database. */
public record JdbcUrl(String host, int port, String database) {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+)(\\?.*)?");

    public static Optional<JdbcUrl> parse(String url) {
        Matcher matcher = URL.matcher(url.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int port = matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2));
        return Optional.of(new JdbcUrl(matcher.group(1), port, matcher.group(3)));
    }
}
