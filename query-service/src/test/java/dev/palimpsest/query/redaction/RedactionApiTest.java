package dev.palimpsest.query.redaction;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.EventLog;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.ContentSlot;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.RedactionRejected;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.RevisionRedacted;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.kafka.EventDeserializer;
import dev.palimpsest.query.ArchiveLog;
import dev.palimpsest.query.readmodel.ReadModelWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static dev.palimpsest.query.ArchiveLog.revision;
import static dev.palimpsest.query.ArchiveLog.uniqueArticleKey;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Redactions in the read model (ADR 0013): every read of a redacted text answers 410 {@code revision-redacted},
 * its metadata stays and is marked, and neither a redelivery nor a replay of the archived topic brings the text
 * back.
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "query"))
class RedactionApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String REDACTED = "https://palimpsest.dev/problems/revision-redacted";

    private static ArchiveLog log;

    @Inject
    ReadModelWriter writer;

    @Inject
    EntityManager database;

    @BeforeAll
    static void openLog() {
        log = new ArchiveLog();
    }

    @AfterAll
    static void closeLog() {
        log.close();
    }

    private static RevisionRedacted redacted(String articleKey, int revSeq, String reason) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new RevisionRedacted(RevisionRedacted.SCHEMA, EventMeta.now(Topics.REVISIONS_ARCHIVED, null),
                UUID.randomUUID(), articleKey, revSeq, reason, Performer.named("Admin"), now.minusSeconds(1), now);
    }

    private static RevisionArchived withSlot(RevisionArchived r, String slotText) {
        return new RevisionArchived(r.schema(), r.meta(), r.submissionId(), r.articleKey(), r.revSeq(),
                r.provenance(), r.mainText(), r.archivedAt(), null, null,
                null, List.of(ContentSlot.of("mediainfo", "wikibase-mediainfo", "application/json", slotText, false)));
    }

    private static void awaitStatus(String articleKey, UUID id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/articles/{key}/redactions/{id}", articleKey, id).then().statusCode(200));
    }

    private static void assertRedacted(Response response, String reason) {
        String body = response.asString();
        assertEquals(410, response.statusCode(), body);
        assertEquals(PROBLEM_JSON, response.contentType(), body);
        assertEquals(REDACTED, response.path("type"), body);
        assertEquals(410, (int) response.path("status"), body);
        String detail = response.path("detail");
        assertEquals(true, detail.contains(reason) && detail.contains("redacted at"), detail);
    }

    @Test
    void everyReadOfARedactedTextIsGoneAndItsMetadataStaysMarked() {
        String key = uniqueArticleKey("redacted");
        log.publish(revision(key, 1, "2019-01-01T00:00:00Z", "one\n"));
        log.publish(withSlot(revision(key, 2, "2019-01-02T00:00:00Z", "two: call 555-0100\n"), "{\"secret\":1}"));
        log.publish(revision(key, 3, "2019-01-03T00:00:00Z", "three\n"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/articles/{key}/revisions/3", key)
                .then().statusCode(200));
        String jsonTagBefore = given().accept("application/json").get("/articles/{key}/revisions/2", key)
                .then().statusCode(200).body("text", equalTo("two: call 555-0100\n")).extract().header("ETag");

        RevisionRedacted redaction = redacted(key, 2, "personal data (a phone number)");
        log.publish(redaction);
        awaitStatus(key, redaction.requestId());

        given().get("/articles/{key}/redactions/{id}", key, redaction.requestId()).then().statusCode(200)
                .body("outcome", equalTo("redacted"))
                .body("revSeq", equalTo(2))
                .body("reason", equalTo("personal data (a phone number)"))
                .body("by", equalTo("Admin"))
                .body("redactedAt", notNullValue())
                .body("revision", equalTo("/articles/" + key + "/revisions/2"))
                .body("erased", nullValue()); // hidden, not erased

        // metadata stays, marked; the text is gone from it
        given().accept("application/json").get("/articles/{key}/revisions/2", key).then().statusCode(200)
                .body("text", nullValue())
                .body("revSha1", notNullValue())
                .body("comment", equalTo("edit 2"))
                .body("redacted.reason", equalTo("personal data (a phone number)"))
                .body("redacted.by", equalTo("Admin"))
                .body("redacted.at", notNullValue());
        // a client holding the old JSON must not be told it is still fresh
        given().accept("application/json").header("If-None-Match", jsonTagBefore)
                .get("/articles/{key}/revisions/2", key).then().statusCode(200)
                .header("ETag", not(equalTo(jsonTagBefore)));
        given().queryParam("order", "asc").get("/articles/{key}/revisions", key).then().statusCode(200)
                .body("revisions[1].redacted.reason", equalTo("personal data (a phone number)"))
                .body("revisions[0].redacted", nullValue());
        given().get("/articles/{key}/revisions/{n}/slots", key, 2).then().statusCode(200)
                .body("role", equalTo(List.of("main", "mediainfo")));

        // every text read answers 410 with the same type
        String reason = "personal data (a phone number)";
        assertRedacted(given().accept("text/plain").get("/articles/{key}/revisions/2", key), reason);
        assertRedacted(given().get("/articles/{key}/revisions/{n}/slots/{role}", key, 2, "main"), reason);
        assertRedacted(given().get("/articles/{key}/revisions/{n}/slots/{role}", key, 2, "mediainfo"), reason);
        assertRedacted(given().accept("text/plain").queryParam("t", "2019-01-02T12:00:00Z")
                .get("/articles/{key}/as-of", key), reason);
        given().accept("application/json").queryParam("t", "2019-01-02T12:00:00Z")
                .get("/articles/{key}/as-of", key).then().statusCode(200)
                .body("revSeq", equalTo(2)).body("text", nullValue()).body("redacted.reason", equalTo(reason));
        assertRedacted(given().get("/articles/{key}/revisions/{n}/diff", key, 2), reason);
        assertRedacted(given().get("/articles/{key}/revisions/{n}/diff", key, 3), reason); // its parent is 2
        assertRedacted(given().queryParam("from", "2").queryParam("to", "3").get("/articles/{key}/diff", key),
                reason);
        // Memento: the TimeGate still names the memento; its text is gone
        String memento = given().redirects().follow(false).header("Accept-Datetime", "Wed, 02 Jan 2019 12:00:00 GMT")
                .get("/articles/{key}/timegate", key).then().statusCode(302).extract().header("Location");
        assertEquals(true, memento.endsWith("/articles/" + key + "/revisions/2"), memento);
        assertRedacted(given().accept("text/plain").get(memento), reason);

        // the others are untouched
        given().accept("text/plain").get("/articles/{key}/revisions/3", key).then().statusCode(200)
                .body(equalTo("three\n"));
        given().queryParam("from", "1").queryParam("to", "3").get("/articles/{key}/diff", key).then()
                .statusCode(200);

        // a redelivered RevisionArchived of the redacted revision does not bring its text back
        RevisionArchived again = revision(key, 2, "2019-01-02T00:00:00Z", "two: call 555-0100\n");
        assertEquals(ReadModelWriter.Outcome.ALREADY_APPLIED, writer.apply(new RevisionArchived(again.schema(),
                again.meta(), storedSubmission(key, 2), key, 2, again.provenance(),
                again.mainText(), again.archivedAt())));
        assertEquals(ReadModelWriter.Outcome.ALREADY_APPLIED, writer.apply(redaction));
        assertRedacted(given().accept("text/plain").get("/articles/{key}/revisions/2", key), reason);
    }

    @Test
    void aSecondRedactionKeepsTheFirstMarkAndIsItsOwnRecord() {
        String key = uniqueArticleKey("twice");
        writer.apply(revision(key, 1, "2019-01-01T00:00:00Z", "text\n"));
        RevisionRedacted first = redacted(key, 1, "first reason");
        RevisionRedacted second = redacted(key, 1, "second reason");
        assertEquals(ReadModelWriter.Outcome.APPLIED, writer.apply(first));
        assertEquals(ReadModelWriter.Outcome.APPLIED, writer.apply(second));
        given().accept("application/json").get("/articles/{key}/revisions/1", key).then()
                .body("redacted.reason", equalTo("first reason"));
        given().get("/articles/{key}/redactions/{id}", key, second.requestId()).then().statusCode(200)
                .body("reason", equalTo("second reason"));
    }

    @Test
    void aRedactionReadBeforeItsRevisionIsAppliedWhenTheRevisionArrives() {
        String key = uniqueArticleKey("early");
        RevisionRedacted early = redacted(key, 1, "arrived first");
        assertEquals(ReadModelWriter.Outcome.APPLIED, writer.apply(early));
        given().get("/articles/{key}/revisions/1", key).then().statusCode(404);
        writer.apply(withSlot(revision(key, 1, "2019-01-01T00:00:00Z", "secret\n"), "{\"secret\":2}"));
        assertRedacted(given().accept("text/plain").get("/articles/{key}/revisions/1", key), "arrived first");
        assertRedacted(given().get("/articles/{key}/revisions/{n}/slots/{role}", key, 1, "mediainfo"),
                "arrived first");
        assertEquals(List.of(), textsLeft(key));
    }

    @Test
    void aRejectedRedactionSaysWhyAndHidesNothing() {
        String key = uniqueArticleKey("rejected");
        writer.apply(revision(key, 1, "2019-01-01T00:00:00Z", "text\n"));
        RedactionRejected rejected = new RedactionRejected(RedactionRejected.SCHEMA,
                EventMeta.now(Topics.REVISIONS_ARCHIVED, null), UUID.randomUUID(), key, 5,
                "article '" + key + "' has no revision 5; its revisions are 1 to 1");
        assertEquals(ReadModelWriter.Outcome.APPLIED, writer.apply(rejected));
        assertEquals(ReadModelWriter.Outcome.ALREADY_APPLIED, writer.apply(rejected));
        given().get("/articles/{key}/redactions/{id}", key, rejected.requestId()).then().statusCode(200)
                .body("outcome", equalTo("rejected"))
                .body("revSeq", equalTo(5))
                .body("detail", equalTo(rejected.detail()))
                .body("reason", nullValue())
                .body("revision", nullValue());
        given().accept("text/plain").get("/articles/{key}/revisions/1", key).then().statusCode(200);
    }

    @Test
    void anUnknownOrMalformedRedactionIdIsAProblem() {
        given().get("/articles/{key}/redactions/{id}", "some-article", UUID.randomUUID()).then().statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("type", endsWith("/redaction-not-recorded"));
        given().get("/articles/{key}/redactions/{id}", "some-article", "not-a-uuid").then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", endsWith("/invalid-parameter"));
        // an id of another article's redaction is not found under this one
        String key = uniqueArticleKey("other");
        writer.apply(revision(key, 1, "2019-01-01T00:00:00Z", "text\n"));
        RevisionRedacted redaction = redacted(key, 1, "why");
        writer.apply(redaction);
        given().get("/articles/{key}/redactions/{id}", "some-article", redaction.requestId()).then().statusCode(404);
    }

    @Test
    void replayingTheArchivedTopicFromOffsetZeroEndsRedacted() {
        String key = uniqueArticleKey("replay");
        log.publish(revision(key, 1, "2019-01-01T00:00:00Z", "kept\n"));
        log.publish(withSlot(revision(key, 2, "2019-01-02T00:00:00Z", "redacted later\n"), "{\"s\":3}"));
        RevisionRedacted redaction = redacted(key, 2, "libel");
        log.publish(redaction);
        awaitStatus(key, redaction.requestId());

        // drop what the read model holds of the article, then apply the topic again from its first offset, as a
        // rebuilt read model would: RevisionArchived (with the text) first, RevisionRedacted after
        QuarkusTransaction.requiringNew().run(() -> {
            for (String table : List.of("text", "text_pack", "revision_slot", "revision", "redaction", "submission",
                    "article")) {
                database.createNativeQuery("DELETE FROM " + table + " WHERE article_key = ?1")
                        .setParameter(1, key).executeUpdate();
            }
        });
        given().get("/articles/{key}/revisions/2", key).then().statusCode(404);
        // read as bytes: other tests put records on the topic that are no events at all
        var decoder = new EventDeserializer.ArchiveEventDeserializer();
        List<ArchiveEvent> topic = new EventLog(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers",
                String.class)).readAll(Topics.REVISIONS_ARCHIVED, new ByteArrayDeserializer())
                .stream().filter(record -> key.equals(record.key()))
                .map(record -> decoder.deserialize(record.topic(), record.value())).toList();
        assertEquals(3, topic.size());
        writer.applyAll(topic);

        assertRedacted(given().accept("text/plain").get("/articles/{key}/revisions/2", key), "libel");
        given().accept("application/json").get("/articles/{key}/revisions/2", key).then().statusCode(200)
                .body("redacted.reason", equalTo("libel")).body("text", nullValue());
        given().accept("text/plain").get("/articles/{key}/revisions/1", key).then().statusCode(200)
                .body(equalTo("kept\n"));
        given().get("/articles/{key}/redactions/{id}", key, redaction.requestId()).then().statusCode(200)
                .body("outcome", equalTo("redacted"));
        assertEquals(List.of(), textsLeft(key).stream().filter(seq -> seq == 2).toList());
    }

    /** The revisions of the article whose text the read model still holds (in its packs) or whose slots hold one. */
    private List<Integer> textsLeft(String key) {
        return QuarkusTransaction.requiringNew().call(() -> database.createNativeQuery("""
                        SELECT r.rev_seq FROM revision r
                        JOIN text t ON t.article_key = r.article_key AND t.sha1 = r.rev_sha1
                        WHERE r.article_key = ?1
                        UNION SELECT rev_seq FROM revision_slot WHERE article_key = ?1 AND text IS NOT NULL
                        ORDER BY 1""", Integer.class)
                .setParameter(1, key).getResultList());
    }

    private UUID storedSubmission(String key, int revSeq) {
        return QuarkusTransaction.requiringNew().call(() -> (UUID) database.createNativeQuery(
                        "SELECT submission_id FROM revision WHERE article_key = ?1 AND rev_seq = ?2")
                .setParameter(1, key).setParameter(2, revSeq).getSingleResult());
    }
}
