package dev.palimpsest.ingest.submission;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.EventLog;
import dev.palimpsest.devstack.testing.TestTokens;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.SubmittedEvent;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.kafka.EventDeserializer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The intake against a real Kafka broker: what is accepted is in the log, what is refused is not. */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class SubmissionResourceTest {

    /** Every request of this class as a writer would send it; the refusals of other callers are AuthenticationTest's. */
    @BeforeEach
    void asWriter() {
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + TestTokens.writer()).build();
    }

    @AfterEach
    void anonymousAgain() {
        RestAssured.requestSpecification = null;
    }


    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void acceptedRevisionIsInTheLogKeyedByArticle() {
        String text = "佳士工人声援团\nline two\n";
        long before = recordsInLog();
        String eventId = given().contentType(ContentType.JSON)
                .body(Map.of("title", "JASIC", "text", text, "timestamp", "2018-08-27T12:00:00Z",
                        "author", "Editor", "comment", "first", "sourceRevisionId", 1001))
                .when().post("/articles/{key}/revisions", "test-article-1")
                .then().statusCode(202)
                .header("Location", startsWith("http://localhost:8080/articles/test-article-1/submissions/"))
                .body("articleKey", equalTo("test-article-1"))
                .body("idempotencyKey", equalTo("rev:1001"))
                .body("revSha1", equalTo(ContentHash.sha1Hex(text)))
                .body("revLen", equalTo(text.getBytes(StandardCharsets.UTF_8).length))
                .extract().path("eventId");
        assertEquals(before + 1, recordsInLog());

        ConsumerRecord<String, SubmittedEvent> record = readAll().stream()
                .filter(r -> r.value().meta().id().equals(UUID.fromString(eventId))).findFirst().orElseThrow();
        assertEquals("test-article-1", record.key());
        RevisionSubmitted event = (RevisionSubmitted) record.value();
        assertEquals(text, event.mainText().string());
        assertEquals("JASIC", event.provenance().pageTitle());
        assertEquals("Editor", event.provenance().performer().userText());
        assertEquals(1001L, event.provenance().revId());
        assertEquals(Topics.REVISIONS_SUBMITTED, event.meta().stream());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON         | {"title": "T", "text":        | 400 | malformed-json
            not an object          | [1, 2]                        | 400 | malformed-json
            empty body             |                               | 400 | malformed-json
            JSON null              | null                          | 400 | malformed-json
            unknown field          | {"title":"T","text":"x","txet":"y"} | 400 | malformed-json
            wrong type             | {"title":"T","text":"x","sourceRevisionId":"abc"} | 400 | malformed-json
            trailing garbage       | {"title":"T","text":"x"} {}   | 400 | malformed-json
            duplicate field        | {"title":"T","text":"x","text":"y"} | 400 | malformed-json
            number as title        | {"title":1,"text":"x"}        | 400 | malformed-json
            fractional revision id | {"title":"T","text":"x","sourceRevisionId":1.9} | 400 | malformed-json
            year -5000             | {"title":"T","text":"x","timestamp":"-5000-01-01T00:00:00Z"} | 422 | invalid-timestamp
            missing text           | {"title":"T"}                 | 422 | invalid-revision
            empty text             | {"title":"T","text":""}       | 422 | invalid-revision
            missing title          | {"text":"x"}                  | 422 | invalid-revision
            NUL in text            | {"title":"T","text":"a\\u0000b"} | 422 | invalid-revision
            lone surrogate         | {"title":"T","text":"a\\ud800"} | 422 | invalid-revision
            bad timestamp          | {"title":"T","text":"x","timestamp":"2019-02-30T00:00:00Z"} | 422 | invalid-timestamp
            future timestamp       | {"title":"T","text":"x","timestamp":"2999-01-01T00:00:00Z"} | 422 | invalid-timestamp
            """)
    void badInputGetsAProblemAndNothingIsPublished(String name, String body, int status, String type) {
        long before = recordsInLog();
        given().contentType(ContentType.JSON).body(body == null ? "" : body)
                .when().post("/articles/{key}/revisions", "test-article-2")
                .then().statusCode(status)
                .contentType(PROBLEM_JSON)
                .body("type", endsWith("/problems/" + type))
                .body("status", equalTo(status))
                .body("instance", equalTo("/articles/test-article-2/revisions"));
        assertEquals(before, recordsInLog());
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] body = "{\"title\":\"T\",\"text\":\"a\u0001b\"}".getBytes(StandardCharsets.UTF_8);
        body[body.length - 4] = (byte) 0xC3; // a lead byte followed by an ASCII byte is not UTF-8
        long before = recordsInLog();
        given().contentType(ContentType.JSON).body(body)
                .when().post("/articles/{key}/revisions", "test-article-2")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("detail", containsString("UTF-8"));
        assertEquals(before, recordsInLog());
    }

    @Test
    void badArticleKeyIsRefused() {
        given().contentType(ContentType.JSON).body("{\"title\":\"T\",\"text\":\"x\"}")
                .when().post("/articles/{key}/revisions", "bad key!")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", endsWith("/problems/invalid-article-key"));
    }

    @Test
    void oversizeBodyIsRefusedBeforeReading() {
        long limit = ConfigProvider.getConfig().getValue("palimpsest.ingest.max-body-size",
                io.quarkus.runtime.configuration.MemorySize.class).asLongValue();
        String text = "x".repeat((int) limit);
        long before = recordsInLog();
        given().contentType(ContentType.JSON).body("{\"title\":\"T\",\"text\":\"" + text + "\"}")
                .when().post("/articles/{key}/revisions", "test-article-2")
                .then().statusCode(413).contentType(PROBLEM_JSON)
                .body("type", endsWith("/problems/body-too-large"));
        assertEquals(before, recordsInLog());
    }

    @Test
    void wrongContentTypeIsAProblem() {
        given().contentType(ContentType.TEXT).body("hello")
                .when().post("/articles/{key}/revisions", "test-article-2")
                .then().statusCode(415).contentType(PROBLEM_JSON);
    }

    @Test
    void unknownRouteIsAProblem() {
        given().when().get("/no/such/thing").then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void healthReportsKafka() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body(containsString("Kafka"));
    }

    @Test
    void openApiDescribesTheOperation() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/articles/{key}/revisions'.post.operationId", equalTo("submitRevision"));
    }

    private static EventLog log() {
        return new EventLog(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    private static long recordsInLog() {
        return log().count(Topics.REVISIONS_SUBMITTED);
    }

    private static List<ConsumerRecord<String, SubmittedEvent>> readAll() {
        return log().readAll(Topics.REVISIONS_SUBMITTED, new EventDeserializer.SubmittedEventDeserializer());
    }
}
