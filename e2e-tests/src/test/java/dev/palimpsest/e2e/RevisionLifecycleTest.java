package dev.palimpsest.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.devstack.launcher.SeedArticle;
import dev.palimpsest.events.ContentHash;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole stack as a user meets it: the seed article and an edited revision go in through ingest, travel through
 * Kafka and the archive, and come out of query-service byte for byte, at the right point in time, once each.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RevisionLifecycleTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static final Instant FIRST_EDIT = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant SECOND_EDIT = Instant.parse("2024-06-01T00:00:00Z");

    private static PalimpsestStack stack;
    private static SeedArticle seed;
    private static String editedText;

    @BeforeAll
    static void startTheStack() {
        stack = SharedStack.get();
        seed = SeedArticle.read(SharedStack.home());
        editedText = seed.text().replace("student-led labour movement", "student-led labor movement")
                + "\nAn added closing line, with 中文 too.\n";
        assertNotEquals(seed.text(), editedText, "the edit must change the text");
    }

    @Test
    @Order(1)
    void bothRevisionsAreAcceptedAndArchivedInOrder() throws Exception {
        HttpResponse<String> first = submit(seed.text(), FIRST_EDIT, "first import");
        assertEquals(202, first.statusCode(), first.body());
        assertEquals(seed.sha1(), JSON.readTree(first.body()).get("revSha1").asText());
        HttpResponse<String> second = submit(editedText, SECOND_EDIT, "spelling");
        assertEquals(202, second.statusCode(), second.body());

        // The 202's Location follows the submission to the archived revision.
        URI status = URI.create(first.headers().firstValue("Location").orElseThrow());
        String revisionPath = await().atMost(PATIENCE).until(() -> redirectOf(queryUrl(status)), p -> p != null);
        assertEquals("/articles/" + seed.key() + "/revisions/1", URI.create(revisionPath).getPath());

        List<JsonNode> history = await().atMost(PATIENCE).until(this::historyAscending, h -> h.size() == 2);
        assertEquals(FIRST_EDIT.toString(), Instant.parse(history.get(0).get("revTimestamp").asText()).toString());
        assertEquals(seed.sha1(), history.get(0).get("revSha1").asText());
        assertEquals(ContentHash.sha1Hex(editedText), history.get(1).get("revSha1").asText());
        assertEquals(List.of(1, 2), history.stream().map(r -> r.get("revSeq").asInt()).toList());
    }

    @Test
    @Order(2)
    void asOfBetweenTheEditsIsTheSeedByteForByte() throws Exception {
        byte[] between = asOfText(FIRST_EDIT.plus(Duration.ofDays(30)));
        assertEquals(seed.sha1(), ContentHash.sha1Hex(between));
        assertEquals(seed.sha1(), ContentHash.sha1Hex(seed.bytes()), "the seed file itself");
        assertTrue(java.util.Arrays.equals(seed.bytes(), between));
        assertEquals(seed.sha1(), ContentHash.sha1Hex(asOfText(FIRST_EDIT)), "at the instant of the edit");
    }

    @Test
    @Order(3)
    void asOfAfterTheSecondEditIsTheEditedText() throws Exception {
        assertEquals(ContentHash.sha1Hex(editedText), ContentHash.sha1Hex(asOfText(Instant.now())));
    }

    @Test
    @Order(4)
    void asOfBeforeTheFirstEditIsAProblem() throws Exception {
        HttpResponse<String> before = get(query("/articles/" + seed.key() + "/as-of?t="
                + FIRST_EDIT.minusSeconds(1)), "text/plain, application/problem+json");
        assertEquals(404, before.statusCode());
        assertTrue(before.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    @Order(5)
    void resubmittingTheSameRevisionStoresNothingNew() throws Exception {
        HttpResponse<String> again = submit(seed.text(), FIRST_EDIT, "first import");
        assertEquals(202, again.statusCode(), again.body());
        URI status = URI.create(again.headers().firstValue("Location").orElseThrow());
        String revisionPath = await().atMost(PATIENCE).until(() -> redirectOf(queryUrl(status)), p -> p != null);
        assertEquals("/articles/" + seed.key() + "/revisions/1", URI.create(revisionPath).getPath(),
                "the resubmission resolves to the revision already held");

        assertEquals(2, historyAscending().size());
        JsonNode archived = JSON.readTree(get(stack.archiveUrl().resolve("/admin/articles/" + seed.key()),
                "application/json").body());
        assertEquals(2, archived.get("revisionCount").asInt());
        assertEquals(3, archived.get("submissionCount").asInt(), "three submissions answered, two revisions stored");
    }

    private HttpResponse<String> submit(String text, Instant timestamp, String comment) throws Exception {
        String body = JSON.writeValueAsString(Map.of("title", seed.title(), "text", text,
                "timestamp", timestamp.toString(), "author", "e2e", "comment", comment));
        return HTTP.send(HttpRequest.newBuilder(stack.ingestUrl().resolve("/articles/" + seed.key() + "/revisions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<JsonNode> historyAscending() throws Exception {
        HttpResponse<String> response = get(query("/articles/" + seed.key() + "/revisions?order=asc&limit=500"),
                "application/json");
        if (response.statusCode() == 404) {
            return List.of();
        }
        assertEquals(200, response.statusCode(), response.body());
        List<JsonNode> revisions = new ArrayList<>();
        JSON.readTree(response.body()).get("revisions").forEach(revisions::add);
        return revisions;
    }

    private byte[] asOfText(Instant t) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(
                        query("/articles/" + seed.key() + "/as-of?t=" + t)).header("Accept", "text/plain").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    /** The Location of a 303 from the submission status URL, or null while the submission is not yet archived. */
    private static String redirectOf(URI status) throws Exception {
        HttpResponse<String> response = get(status, "application/json");
        return response.statusCode() == 303 ? response.headers().firstValue("Location").orElseThrow() : null;
    }

    /** ingest's Location names query-service's public URL; in this test query-service listens on a free port. */
    private static URI queryUrl(URI location) {
        return query(location.getRawPath());
    }

    private static URI query(String pathAndQuery) {
        return stack.queryUrl().resolve(pathAndQuery);
    }

    private static HttpResponse<String> get(URI uri, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
