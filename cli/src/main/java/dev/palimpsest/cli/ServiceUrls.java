package dev.palimpsest.cli;

import picocli.CommandLine.Option;

import java.net.URI;

/** Where the services listen: options, else the environment, else what {@code ./palimpsest up} starts. */
final class ServiceUrls {

    @Option(names = "--query-url", defaultValue = "${PALIMPSEST_QUERY_URL:-http://localhost:8080}",
            description = "query-service's address (default: ${DEFAULT-VALUE}; env PALIMPSEST_QUERY_URL)")
    URI queryUrl;

    @Option(names = {"--ingest-url", "--url"}, defaultValue = "${PALIMPSEST_INGEST_URL:-http://localhost:8081}",
            description = "ingest-service's address (default: ${DEFAULT-VALUE}; env PALIMPSEST_INGEST_URL)")
    URI ingestUrl;
}
