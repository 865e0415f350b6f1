package dev.palimpsest.query.readmodel;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.events.MainText;
import dev.palimpsest.events.Provenance;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.SubmissionDeduplicated;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.Utf8Text;
import dev.palimpsest.events.kafka.DeadLetterHeaders;
import dev.palimpsest.devstack.testing.EventLog;
import dev.palimpsest.query.ArchiveLog;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static dev.palimpsest.query.ArchiveLog.revision;
import static dev.palimpsest.query.ArchiveLog.uniqueArticleKey;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The projection from the archived topic into the read model: idempotent, and not stopped by bad records, which it
 * keeps on the dead-letter topic.
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "query"))
class ReadModelProjectionTest {

    private static ArchiveLog log;

    @Inject
    ReadModelWriter writer;

    @BeforeAll
    static void openLog() {
        log = new ArchiveLog();
    }

    @AfterAll
    static void closeLog() {
        log.close();
    }

    private static void awaitRevisionCount(String articleKey, int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().when().get("/articles/{key}", articleKey)
                        .then().statusCode(200).body("revisionCount", equalTo(count)));
    }

    private static void assertHistory(String articleKey, List<Integer> seqs) {
        given().queryParam("order", "asc").when().get("/articles/{key}/revisions", articleKey)
                .then().statusCode(200).body("revisions.revSeq", equalTo(seqs));
    }

    @Test
    void consumesTheArchivedTopic() {
        assertEquals(Topics.REVISIONS_ARCHIVED, ConfigProvider.getConfig()
                .getValue("mp.messaging.incoming.revisions-archived.topic", String.class));
        assertEquals(Topics.ARCHIVED_DLQ, ConfigProvider.getConfig()
                .getValue("mp.messaging.outgoing.dead-letters.topic", String.class));
    }

    @Test
    void redeliveredEventsAreStoredOnce() {
        String key = uniqueArticleKey("redelivery");
        RevisionArchived first = revision(key, 1, "2019-01-01T00:00:00Z", "first");
        RevisionArchived second = revision(key, 2, "2019-01-02T00:00:00Z", "second");
        log.publish(first);
        log.publish(second);
        awaitRevisionCount(key, 2);

        // the same events again, as after a consumer crash before its offset commit; then a new one behind them on
        // the same partition, so that once it is visible the redeliveries have certainly been processed
        log.publish(first);
        log.publish(second);
        log.publish(first);
        log.publish(revision(key, 3, "2019-01-03T00:00:00Z", "third"));
        awaitRevisionCount(key, 3);
        assertHistory(key, List.of(1, 2, 3));
        given().when().get("/articles/{key}/revisions/1", key).then().statusCode(200)
                .body("text", equalTo("first")).body("title", equalTo("Title 1"));
        given().when().get("/articles/{key}", key).then().statusCode(200)
                .body("revisionCount", equalTo(3)).body("title", equalTo("Title 3"));

        assertEquals(ReadModelWriter.Outcome.ALREADY_APPLIED, writer.apply(first));
        assertEquals(ReadModelWriter.Outcome.ALREADY_APPLIED, writer.apply(second));
        given().when().get("/articles/{key}", key).then().body("revisionCount", equalTo(3));
    }

    @Test
    void titlesCommentsAndNamesAreStoredExactlyWhateverTheyHold() {
        // the batch's rows reach PostgreSQL as array literals (ArrayLiterals): quotes, backslashes, braces, commas,
        // the word NULL, spaces and line breaks must all come back as they were sent
        String key = uniqueArticleKey("literal");
        List<String> awkward = List.of("say \"hi\"", "back\\slash \\\"", "{braces}, commas", "NULL", " spaced ",
                "line\nbreak\ttab", "\u00e9\u4e2d\ud83d\ude00");
        for (int i = 0; i < awkward.size(); i++) {
            RevisionArchived plain = revision(key, i + 1, "2019-01-0" + (i + 1) + "T00:00:00Z", "text " + i);
            log.publish(new RevisionArchived(plain.schema(), plain.meta(), plain.submissionId(), key, plain.revSeq(),
                    new Provenance(awkward.get(i), plain.provenance().revTimestamp(), plain.provenance().revId(),
                            plain.provenance().revParentId(), new dev.palimpsest.events.Performer(7L, awkward.get(i)),
                            awkward.get(i)),
                    plain.mainText(), plain.archivedAt()));
        }
        awaitRevisionCount(key, awkward.size());
        for (int i = 0; i < awkward.size(); i++) {
            given().when().get("/articles/{key}/revisions/{n}", key, i + 1).then().statusCode(200)
                    .body("title", equalTo(awkward.get(i))).body("comment", equalTo(awkward.get(i)))
                    .body("author.userText", equalTo(awkward.get(i)));
        }
        given().when().get("/articles/{key}", key).then().body("title", equalTo(awkward.get(awkward.size() - 1)));
    }

    @Test
    void aDeduplicatedSubmissionIsRecordedOnce() {
        String key = uniqueArticleKey("dedup");
        RevisionArchived first = revision(key, 1, "2019-01-01T00:00:00Z", "first");
        assertEquals(ReadModelWriter.Outcome.APPLIED, writer.apply(first));
        SubmissionDeduplicated again = ArchiveLog.deduplicated(key, 1);
        assertEquals(ReadModelWriter.Outcome.APPLIED, writer.apply(again));
        assertEquals(ReadModelWriter.Outcome.ALREADY_APPLIED, writer.apply(again));
        given().redirects().follow(false).when().get("/articles/{key}/submissions/{id}", key, again.submissionId())
                .then().statusCode(303);
        given().when().get("/articles/{key}", key).then().body("revisionCount", equalTo(1));
    }

    @Test
    void undecodableRecordsAreDeadLetteredAndConsumptionGoesOn() {
        String key = uniqueArticleKey("undecodable");
        RecordMetadata notJson = log.publishBytes(key, "not JSON at all".getBytes(StandardCharsets.UTF_8));
        RecordMetadata unknownSchema = log.publishBytes(key,
                "{\"$schema\":\"/palimpsest/unknown/9.0.0\"}".getBytes(StandardCharsets.UTF_8));
        RecordMetadata tombstone = log.publishBytes(key, null);
        log.publish(revision(key, 1, "2019-01-01T00:00:00Z", "after the garbage"));
        awaitRevisionCount(key, 1);
        assertHistory(key, List.of(1));

        List<ConsumerRecord<String, byte[]>> deadLetters = awaitDeadLetters(key, 3);
        assertDeadLetter(deadLetters.get(0), notJson, UndecodableArchiveEvent.class);
        assertEquals("not JSON at all", new String(deadLetters.get(0).value(), StandardCharsets.UTF_8),
                "the dead letter keeps the bytes nobody could decode");
        assertDeadLetter(deadLetters.get(1), unknownSchema, UndecodableArchiveEvent.class);
        assertTrue(DeadLetterHeaders.text(deadLetters.get(1).headers(), DeadLetterHeaders.REASON)
                .startsWith("undecodable record: "));
        assertDeadLetter(deadLetters.get(2), tombstone, UndecodableArchiveEvent.class);
        assertEquals(0, deadLetters.get(2).value().length);

        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'dead-letters' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'dead-letters' }.data.topic", equalTo(Topics.ARCHIVED_DLQ))
                .body("checks.find { it.name == 'dead-letters' }.data.publishedSinceStart",
                        greaterThanOrEqualTo(3));
    }

    @Test
    void eventsBreakingInvariantsAreDeadLetteredAndConsumptionGoesOn() {
        String key = uniqueArticleKey("invalid");
        RevisionArchived good = revision(key, 1, "2019-01-01T00:00:00Z", "text");
        RevisionArchived wrongSha1 = new RevisionArchived(good.schema(), good.meta(), good.submissionId(), key, 2,
                new Provenance(good.provenance().pageTitle(), good.provenance().revTimestamp(), null, null,
                        good.provenance().performer(), good.provenance().comment()),
                new MainText(Utf8Text.of("other text"), good.mainText().sha1(), good.mainText().length()),
                        good.archivedAt());
        assertThrows(InvalidArchiveEvent.class, () -> writer.apply(wrongSha1));
        assertThrows(InvalidArchiveEvent.class,
                () -> writer.apply(revision(key, 2, "2019-01-02T00:00:00Z", "NUL \0 in text")));
        assertThrows(InvalidArchiveEvent.class,
                () -> writer.apply(revision(key, 0, "2019-01-02T00:00:00Z", "sequence numbers start at 1")));
        assertThrows(InvalidArchiveEvent.class, () -> writer.apply(ArchiveLog.deduplicated(key, -1)));

        RecordMetadata invalid = log.publish(wrongSha1);
        log.publish(good);
        awaitRevisionCount(key, 1);
        assertHistory(key, List.of(1));
        given().when().get("/articles/{key}/revisions/2", key).then().statusCode(404);

        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetters(key, 1).get(0);
        assertDeadLetter(deadLetter, invalid, InvalidArchiveEvent.class);
        assertTrue(new String(deadLetter.value(), StandardCharsets.UTF_8)
                .contains(wrongSha1.submissionId().toString()), "the dead letter is the event itself");
    }

    private static List<ConsumerRecord<String, byte[]>> awaitDeadLetters(String articleKey, int count) {
        EventLog topics = new EventLog(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> topics.readAll(Topics.ARCHIVED_DLQ, new ByteArrayDeserializer()).stream()
                        .filter(record -> articleKey.equals(record.key()))
                        // in the order of the records they stand for (the order they were published in is not promised)
                        .sorted(Comparator.comparingLong(record -> Long.parseLong(
                                DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.OFFSET))))
                        .toList(), found -> found.size() == count);
    }

    private static void assertDeadLetter(ConsumerRecord<String, byte[]> deadLetter, RecordMetadata original,
                                         Class<? extends Throwable> reason) {
        Headers headers = deadLetter.headers();
        assertEquals(Topics.REVISIONS_ARCHIVED, DeadLetterHeaders.text(headers, DeadLetterHeaders.TOPIC));
        assertEquals(Integer.toString(original.partition()),
                DeadLetterHeaders.text(headers, DeadLetterHeaders.PARTITION));
        assertEquals(Long.toString(original.offset()), DeadLetterHeaders.text(headers, DeadLetterHeaders.OFFSET));
        assertEquals(reason.getName(), DeadLetterHeaders.text(headers, DeadLetterHeaders.EXCEPTION_CLASS_NAME));
        assertNotNull(DeadLetterHeaders.text(headers, DeadLetterHeaders.REASON));
    }
}
