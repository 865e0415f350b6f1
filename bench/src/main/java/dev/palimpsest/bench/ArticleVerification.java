package dev.palimpsest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end of a run, checked where people look: every article of the dump, with all its revisions, in the archive
 * ({@code GET /admin/articles/{key}}: revisions and submissions) and in the read model ({@code GET /articles/{key}}).
 * Each check asks only about the articles not yet complete, so polling it costs little once most are.
 */
final class ArticleVerification {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI archiveUrl;
    private final URI queryUrl;
    /** For the archive's admin view, which needs the admin role; query-service's reads are public. */
    private final String adminToken;
    private final Map<String, Long> expected;
    /** Article key to what was last seen of it, until it is complete. */
    private final Map<String, String> incomplete = new LinkedHashMap<>();
    private final int articles;

    /** {@code expected}: every article's key and the revisions it must hold. */
    ArticleVerification(HttpClient http, URI archiveUrl, URI queryUrl, String adminToken,
                        Map<String, Long> expected) {
        this.http = http;
        this.archiveUrl = archiveUrl;
        this.queryUrl = queryUrl;
        this.adminToken = adminToken;
        this.expected = Map.copyOf(expected);
        this.articles = expected.size();
        expected.keySet().forEach(key -> incomplete.put(key, "not checked yet"));
    }

    /** What is known now. */
    record Outcome(int articles, int complete, List<String> shortfalls) {

        boolean allComplete() {
            return complete == articles;
        }
    }

    /** Asks about every article not yet complete; returns how many are. */
    Outcome check() throws IOException, InterruptedException {
        for (var entry : incomplete.entrySet()) {
            String key = entry.getKey();
            long expectedPerArticle = expected.get(key);
            JsonNode archived = get(HttpRequest.newBuilder(archiveUrl.resolve("/admin/articles/" + encode(key)))
                    .header("Authorization", "Bearer " + adminToken));
            JsonNode read = get(HttpRequest.newBuilder(queryUrl.resolve("/articles/" + encode(key))));
            long revisions = archived.path("revisionCount").asLong();
            long submissions = archived.path("submissionCount").asLong();
            long inReadModel = read.path("revisionCount").asLong();
            entry.setValue(revisions == expectedPerArticle && submissions == expectedPerArticle
                    && inReadModel == expectedPerArticle ? null
                    : key + ": archive " + revisions + " revisions of " + submissions + " submissions, read model "
                    + inReadModel + "; expected " + expectedPerArticle);
        }
        incomplete.values().removeIf(shortfall -> shortfall == null);
        List<String> shortfalls = new ArrayList<>(incomplete.values()).subList(0, Math.min(5, incomplete.size()));
        return new Outcome(articles, articles - incomplete.size(), List.copyOf(shortfalls));
    }

    /** The body as JSON; an empty object for a 404 (the article is not there yet). */
    private JsonNode get(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest get = request.timeout(Duration.ofSeconds(30)).header("Accept", "application/json").GET().build();
        URI uri = get.uri();
        HttpResponse<String> response = http.send(get, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return JSON.createObjectNode();
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
