package dev.palimpsest.devstack.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palimpsest.events.ContentHash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;

/**
 * The sample article {@code ./palimpsest up} loads, so that a fresh archive has something to show: the plain text of
 * the English Wikipedia article "Jasic Workers Solidarity Group" (CC BY-SA 4.0, see {@code data/README.md}), kept
 * byte for byte, Chinese characters and all.
 *
 * @param key   the article key it is archived under
 * @param title the file's first line
 * @param text  the whole file, decoded strictly as UTF-8; its UTF-8 encoding is exactly the file's bytes
 * @param sha1  SHA-1 (hex) of the file's bytes, as the archive computes {@code rev_sha1}
 */
public record SeedArticle(String key, String title, String text, String sha1) {

    public static final String KEY = "jasic-workers-solidarity-group";
    /** Relative to the repository's root. */
    public static final Path FILE = Path.of("data", "seed", KEY + ".txt");
    /**
     * The edit time the seed is submitted with. The file carries no edit date; a fixed one (rather than the time of
     * loading) makes every load the same revision, so reloading into a reused data directory stores nothing new,
     * and as-of queries for any time from 2024 on find it.
     */
    public static final Instant EDIT_TIME = Instant.parse("2024-01-01T00:00:00Z");
    static final String AUTHOR = "Wikipedia contributors";
    static final String COMMENT = "Palimpsest seed: plain text of https://en.wikipedia.org/wiki/"
            + "Jasic_Workers_Solidarity_Group, by its Wikipedia contributors, CC BY-SA 4.0";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What loading did and found.
     *
     * @param submitted  false when query-service already had a revision of the article
     * @param intact     true when query-service serves back exactly the file's bytes
     * @param servedSha1 SHA-1 (hex) of what query-service served as of now
     */
    public record Loaded(boolean submitted, boolean intact, String servedSha1, Duration took) {
    }

    public SeedArticle {
        if (title.isBlank()) {
            throw new IllegalArgumentException("the seed's first line (its title) is blank");
        }
    }

    /** Reads {@code <home>/data/seed/jasic-workers-solidarity-group.txt}. */
    public static SeedArticle read(Path home) {
        Path file = home.resolve(FILE);
        try {
            return of(KEY, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seed article " + file, e);
        }
    }

    /**
     * @throws IllegalArgumentException when the bytes are not valid UTF-8: a lenient decoder would replace them
     *                                  and the archive would hold different bytes than the file
     */
    static SeedArticle of(String key, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the seed article is not valid UTF-8: " + e.getMessage(), e);
        }
        int endOfLine = text.indexOf('\n');
        String firstLine = endOfLine < 0 ? text : text.substring(0, endOfLine);
        if (firstLine.endsWith("\r")) {
            firstLine = firstLine.substring(0, firstLine.length() - 1);
        }
        return new SeedArticle(key, firstLine.strip(), text, ContentHash.sha1Hex(bytes));
    }

    /** The file's bytes (the text's UTF-8 encoding is exactly them). */
    public byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Sent as {@code Idempotency-Key}: the same file is one revision, however often it is loaded. */
    public String idempotencyKey() {
        return "seed-" + sha1;
    }

    /** The body of {@code POST /articles/{key}/revisions}. */
    public String requestBody() {
        ObjectNode body = JSON.createObjectNode()
                .put("title", title)
                .put("text", text)
                .put("timestamp", EDIT_TIME.toString())
                .put("author", AUTHOR)
                .put("comment", COMMENT);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the seed as JSON", e);
        }
    }

    /**
     * Submits the article to ingest-service unless query-service already has a revision of it, then waits until
     * query-service serves it as of now and compares the served bytes with the file's.
     *
     * @param writerToken a bearer token with the writer role, for the submission
     * @throws IllegalStateException when ingest refuses it, or query-service does not serve it within
     *                               {@code timeout}
     */
    public Loaded loadInto(URI ingestUrl, URI queryUrl, String writerToken, Duration timeout) {
        long begin = System.nanoTime();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try {
            boolean submitted = false;
            if (!alreadyArchived(http, queryUrl)) {
                submit(http, ingestUrl, writerToken);
                submitted = true;
            }
            String servedSha1 = awaitServed(http, queryUrl, timeout);
            return new Loaded(submitted, sha1.equals(servedSha1), servedSha1,
                    Duration.ofNanos(System.nanoTime() - begin));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the seed article", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the seed article", e);
        }
    }

    private boolean alreadyArchived(HttpClient http, URI queryUrl) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(resolve(queryUrl, "/articles/" + key + "/revisions"))
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30))
                .GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return false;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("query-service answered " + response.statusCode() + " to GET "
                    + request.uri() + ": " + abbreviate(response.body()));
        }
        return hasRevisions(response.body());
    }

    /**
     * True when a history answer lists at least one revision: query-service's page (an object with a
     * {@code revisions} array), else a JSON array, else an object's first array field. When unsure, false: submitting again is harmless, it is the same revision
     * under the same idempotency key.
     */
    static boolean hasRevisions(String historyJson) {
        JsonNode history;
        try {
            history = JSON.readTree(historyJson);
        } catch (JsonProcessingException e) {
            return false;
        }
        if (history == null) {
            return false;
        }
        if (history.isArray()) {
            return !history.isEmpty();
        }
        if (history.path("revisions").isArray()) {
            return !history.get("revisions").isEmpty();
        }
        for (Iterator<JsonNode> fields = history.elements(); fields.hasNext(); ) {
            JsonNode field = fields.next();
            if (field.isArray()) {
                return !field.isEmpty();
            }
        }
        return false;
    }

    private void submit(HttpClient http, URI ingestUrl, String writerToken) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(resolve(ingestUrl, "/articles/" + key + "/revisions"))
                .header("Authorization", "Bearer " + writerToken)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Idempotency-Key", idempotencyKey())
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(requestBody(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("ingest-service refused the seed article with "
                    + response.statusCode() + ": " + abbreviate(response.body()));
        }
    }

    /**
     * Polls as-of the seed's edit time until it answers 200 (the archive and the read model have caught up). Not
     * as-of now: later edits of the article are the user's, and do not make the seed any less intact.
     */
    private String awaitServed(HttpClient http, URI queryUrl, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (true) {
            URI asOf = resolve(queryUrl, "/articles/" + key + "/as-of?t=" + EDIT_TIME);
            HttpRequest request = HttpRequest.newBuilder(asOf)
                    .header("Accept", "text/plain")
                    .timeout(Duration.ofSeconds(30))
                    .GET().build();
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    return ContentHash.sha1Hex(response.body());
                }
                last = response.statusCode() + " " + abbreviate(new String(response.body(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                last = e.toString();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("query-service did not serve " + key + " within "
                        + timeout.toSeconds() + " s; last answer: " + last);
            }
            Thread.sleep(250);
        }
    }

    private static URI resolve(URI base, String pathAndQuery) {
        String root = base.toString();
        return URI.create((root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + pathAndQuery);
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }

    /** Without the text: it is thousands of characters. */
    @Override
    public String toString() {
        return "SeedArticle[key=" + key + ", title=" + title + ", " + bytes().length + " bytes, sha1=" + sha1 + "]";
    }
}
