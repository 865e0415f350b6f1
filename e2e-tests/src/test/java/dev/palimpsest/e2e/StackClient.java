package dev.palimpsest.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.events.ContentHash;
import org.awaitility.core.ConditionFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the end-to-end tests ask of a running stack over HTTP, as a user's client would. */
final class StackClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final PalimpsestStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    StackClient(PalimpsestStack stack) {
        this.stack = stack;
    }

    PalimpsestStack stack() {
        return stack;
    }

    URI query(String pathAndQuery) {
        return stack.queryUrl().resolve(pathAndQuery);
    }

    /** Posts an export to {@code POST /imports} ({@code database}: the override, or null); the report's URI. */
    URI startImport(Path export, String database) throws Exception {
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(
                                stack.ingestUrl().resolve("/imports" + (database == null ? "" : "?database=" + database)))
                        .header("Content-Type", "application/xml")
                        .POST(HttpRequest.BodyPublishers.ofFile(export)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        return stack.ingestUrl().resolve(URI.create(accepted.headers().firstValue("Location").orElseThrow())
                .getPath());
    }

    /**
     * Awaitility with no initial delay: its default waits one poll interval before the first look, which adds up
     * over the hundreds of articles of a dump.
     */
    static ConditionFactory promptly(Duration patience) {
        return await().atMost(patience).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100));
    }

    /** Waits until the import has published everything; fails unless it completed. */
    JsonNode awaitImport(URI status, Duration patience) {
        JsonNode report = promptly(patience).until(() -> getJson(status),
                r -> !r.path("state").asText().equals("PUBLISHING"));
        assertEquals("COMPLETED", report.path("state").asText(), report.toString());
        return report;
    }

    /** How many revisions of the article the read model holds (0 before the first). */
    long revisionCount(String key) throws Exception {
        HttpResponse<String> response = get(query("/articles/" + key), "application/json");
        return response.statusCode() == 200 ? JSON.readTree(response.body()).path("revisionCount").asLong() : 0;
    }

    /** The article's whole history, oldest first, following {@code next}. */
    List<JsonNode> history(String key) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = getJson(query("/articles/" + key + "/revisions?order=asc&limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor)));
            page.path("revisions").forEach(rows::add);
            cursor = page.path("next").isNull() ? null : page.path("next").asText();
        } while (cursor != null);
        return rows;
    }

    /** The sha1 of the plain text at {@code uri}, or "410" when it is hidden. */
    String textSha1(URI uri) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).header("Accept", "text/plain").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 410) {
            return "410";
        }
        assertEquals(200, response.statusCode(), uri.toString());
        return ContentHash.sha1Hex(response.body());
    }

    JsonNode getJson(URI uri) throws Exception {
        HttpResponse<String> response = get(uri, "application/json");
        assertEquals(200, response.statusCode(), uri + ": " + response.body());
        return JSON.readTree(response.body());
    }

    HttpResponse<String> get(URI uri, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
