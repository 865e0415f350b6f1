package dev.palimpsest.archive.redaction;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.EventLog;
import dev.palimpsest.devstack.testing.TestTokens;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.MainText;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.Provenance;
import dev.palimpsest.events.RedactionRejected;
import dev.palimpsest.events.RevisionRedacted;
import dev.palimpsest.events.RevisionRedactionRequested;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.Utf8Text;
import dev.palimpsest.events.kafka.EventDeserializer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redaction requests on the real stack (ADR 0013): read from the submitted topic in order with the revisions,
 * recorded as facts of their own, answered on the archived topic, idempotent on redelivery, and leaving the hash
 * chain verifiable.
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))
class RedactionArchivingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static EventLog log() {
        return new EventLog(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    private static RevisionSubmitted revision(String articleKey, String text) {
        return new RevisionSubmitted(RevisionSubmitted.SCHEMA, EventMeta.now(Topics.REVISIONS_SUBMITTED, "test"),
                articleKey, new Provenance("Title of " + articleKey, Instant.parse("2020-01-01T00:00:00Z"), null, null,
                Performer.named("Editor"), "comment"), new MainText(Utf8Text.of(text), ContentHash.sha1Hex(text),
                ContentHash.utf8Length(text)), "content:" + ContentHash.sha1Hex(text));
    }

    private static RevisionRedactionRequested redaction(String articleKey, int revSeq, String reason) {
        return new RevisionRedactionRequested(RevisionRedactionRequested.SCHEMA,
                EventMeta.now(Topics.REVISIONS_SUBMITTED, "test"), articleKey, revSeq, reason,
                Performer.named("Admin"));
    }

    private static void publish(String articleKey, Object event) {
        log().publish(Topics.REVISIONS_SUBMITTED, articleKey, event);
    }

    private static List<ArchiveEvent> answersTo(UUID id) {
        return log().readAll(Topics.REVISIONS_ARCHIVED, new EventDeserializer.ArchiveEventDeserializer()).stream()
                .map(ConsumerRecord::value)
                .filter(answer -> !(answer instanceof dev.palimpsest.events.TextsArchived)) // texts, not answers
                .filter(answer -> answer.submissionId().equals(id)).toList();
    }

    private static ArchiveEvent awaitAnswer(UUID id) {
        return await().atMost(PATIENCE).until(() -> answersTo(id), answers -> !answers.isEmpty()).get(0);
    }

    private static JsonPath verification(String articleKey) {
        return given().get("/articles/{key}/verification", articleKey)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aRedactionOfAnArchivedRevisionIsRecordedAndAnsweredAndTheChainStillVerifies() {
        String key = "redact-a";
        RevisionSubmitted first = revision(key, "private phone number 555-0100\n");
        RevisionSubmitted second = revision(key, "cleaned up\n");
        publish(key, first);
        publish(key, second);
        assertEquals(2, awaitAnswer(second.meta().id()).revSeq());

        RevisionRedactionRequested request = redaction(key, 1, "personal data (phone number)");
        publish(key, request);

        RevisionRedacted redacted = assertInstanceOf(RevisionRedacted.class, awaitAnswer(request.meta().id()));
        assertEquals(request.meta().id(), redacted.requestId());
        assertEquals(key, redacted.articleKey());
        assertEquals(1, redacted.revSeq());
        assertEquals("personal data (phone number)", redacted.reason());
        assertEquals("Admin", redacted.performer().userText());
        assertEquals(request.meta().dt().truncatedTo(ChronoUnit.MICROS), redacted.requestedAt());
        assertNotNull(redacted.redactedAt());
        assertEquals(Topics.REVISIONS_ARCHIVED, redacted.meta().stream());
        given().auth().oauth2(TestTokens.admin()).get("/admin/articles/{key}", key).then().statusCode(200)
                .body("revisionCount", equalTo(2)).body("redactionCount", equalTo(1));

        // the revision row and its text are untouched, so the chain over them verifies as before
        JsonPath verification = verification(key);
        assertTrue(verification.getBoolean("verified"), verification::prettify);
        assertEquals(2, verification.getInt("recordsChecked"));
    }

    @Test
    void afterARedactionTheRedactedTextIsNoBaseAndIsShippedAgainWhenARevisionBringsItBack() {
        String key = "redact-packs";
        RevisionSubmitted secret = revision(key, "a secret, then the article\n");
        publish(key, secret);
        awaitAnswer(secret.meta().id());
        RevisionRedactionRequested request = redaction(key, 1, "personal data");
        publish(key, request);
        awaitAnswer(request.meta().id());

        // the read model erases a redacted text: the next pack cannot be primed with it
        RevisionSubmitted next = revision(key, "the article\n");
        publish(key, next);
        awaitAnswer(next.meta().id());
        // the same text comes back in a new revision: shipped again, since the read model erased it
        RevisionSubmitted back = new RevisionSubmitted(RevisionSubmitted.SCHEMA,
                EventMeta.now(Topics.REVISIONS_SUBMITTED, "test"), key, new Provenance("Title of " + key,
                Instant.parse("2020-01-02T00:00:00Z"), null, null, Performer.named("Editor"), "vandal"),
                secret.mainText(), "rev:3");
        publish(key, back);
        assertEquals(3, awaitAnswer(back.meta().id()).revSeq());

        var topic = dev.palimpsest.archive.intake.ArchivedTopic.of(log(), key);
        List<dev.palimpsest.events.TextsArchived> packs = topic.packs();
        assertEquals(3, packs.size(), packs::toString);
        assertEquals(List.of(secret.mainText().sha1()), packs.get(0).sha1s());
        assertEquals(List.of(next.mainText().sha1()), packs.get(1).sha1s());
        assertEquals(null, packs.get(1).baseSha1(), "the redacted text is no base");
        assertEquals(List.of(secret.mainText().sha1()), packs.get(2).sha1s());
        assertEquals(next.mainText().sha1(), packs.get(2).baseSha1(), "primed with the text before it");
        assertEquals(secret.mainText().string(), topic.texts().get(secret.mainText().sha1()));
    }

    @Test
    void aRedeliveredRequestIsAnsweredIdenticallyAndRecordedOnce() {
        String key = "redact-b";
        RevisionSubmitted only = revision(key, "text\n");
        publish(key, only);
        awaitAnswer(only.meta().id());
        RevisionRedactionRequested request = redaction(key, 1, "libel");
        publish(key, request);
        RevisionRedacted firstAnswer = assertInstanceOf(RevisionRedacted.class, awaitAnswer(request.meta().id()));

        publish(key, request); // the very same event, as after a crash before the offset commit
        List<ArchiveEvent> answers = await().atMost(PATIENCE)
                .until(() -> answersTo(request.meta().id()), found -> found.size() == 2);
        RevisionRedacted again = assertInstanceOf(RevisionRedacted.class, answers.get(1));
        assertEquals(firstAnswer.meta().id(), again.meta().id());
        assertEquals(firstAnswer.redactedAt(), again.redactedAt());
        given().auth().oauth2(TestTokens.admin()).get("/admin/articles/{key}", key).then().statusCode(200).body("redactionCount", equalTo(1));

        // another request for the same revision is its own audited fact
        RevisionRedactionRequested second = redaction(key, 1, "libel, confirmed");
        publish(key, second);
        assertInstanceOf(RevisionRedacted.class, awaitAnswer(second.meta().id()));
        given().auth().oauth2(TestTokens.admin()).get("/admin/articles/{key}", key).then().statusCode(200).body("redactionCount", equalTo(2));
    }

    @Test
    void aRedactionPublishedRightAfterItsRevisionInTheSameBatchFindsIt() {
        String key = "redact-c";
        RevisionSubmitted only = revision(key, "numbered in the same batch\n");
        RevisionRedactionRequested request = redaction(key, 1, "copyright");
        publish(key, only);
        publish(key, request);
        assertInstanceOf(RevisionRedacted.class, awaitAnswer(request.meta().id()));
    }

    @Test
    void aRedactionOfARevisionTheArchiveDoesNotHoldIsRejectedWithTheReason() {
        String key = "redact-d";
        RevisionSubmitted only = revision(key, "one revision\n");
        publish(key, only);
        awaitAnswer(only.meta().id());

        RevisionRedactionRequested beyond = redaction(key, 2, "typo in the number");
        publish(key, beyond);
        RedactionRejected rejected = assertInstanceOf(RedactionRejected.class, awaitAnswer(beyond.meta().id()));
        assertEquals(2, rejected.revSeq());
        assertEquals("article 'redact-d' has no revision 2; its revisions are 1 to 1", rejected.detail());

        RevisionRedactionRequested unknownArticle = redaction("redact-never-archived", 1, "whatever");
        publish("redact-never-archived", unknownArticle);
        RedactionRejected none = assertInstanceOf(RedactionRejected.class,
                awaitAnswer(unknownArticle.meta().id()));
        assertEquals("the archive holds no revision of article 'redact-never-archived'", none.detail());
        // a rejected redaction creates no article
        given().auth().oauth2(TestTokens.admin()).get("/admin/articles/{key}", "redact-never-archived").then().statusCode(404);
        given().auth().oauth2(TestTokens.admin()).get("/admin/articles/{key}", key).then().statusCode(200).body("redactionCount", equalTo(0));
    }
}
