package dev.palimpsest.query.readmodel;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.SubmissionDeduplicated;
import dev.palimpsest.events.Topics;
import dev.palimpsest.query.ArchiveLog;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static dev.palimpsest.query.ArchiveLog.revision;
import static dev.palimpsest.query.ArchiveLog.uniqueArticleKey;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The projection from the archived topic into the read model: idempotent, and not stopped by bad records. */
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
    void undecodableRecordsAreSkippedAndConsumptionGoesOn() {
        String key = uniqueArticleKey("undecodable");
        log.publishBytes(key, "not JSON at all".getBytes(StandardCharsets.UTF_8));
        log.publishBytes(key, "{\"$schema\":\"/palimpsest/unknown/9.0.0\"}".getBytes(StandardCharsets.UTF_8));
        log.publishBytes(key, null); // a tombstone
        log.publish(revision(key, 1, "2019-01-01T00:00:00Z", "after the garbage"));
        awaitRevisionCount(key, 1);
        assertHistory(key, List.of(1));
    }

    @Test
    void eventsBreakingInvariantsAreSkippedAndConsumptionGoesOn() {
        String key = uniqueArticleKey("invalid");
        RevisionArchived good = revision(key, 1, "2019-01-01T00:00:00Z", "text");
        RevisionArchived wrongSha1 = new RevisionArchived(good.schema(), good.meta(), good.submissionId(), key, 2,
                good.pageTitle(), good.revTimestamp(), null, null, good.performer(), good.comment(), "other text",
                good.revSha1(), good.revLen(), good.archivedAt());
        assertThrows(InvalidArchiveEvent.class, () -> writer.apply(wrongSha1));
        assertThrows(InvalidArchiveEvent.class,
                () -> writer.apply(revision(key, 2, "2019-01-02T00:00:00Z", "NUL \0 in text")));
        assertThrows(InvalidArchiveEvent.class,
                () -> writer.apply(revision(key, 0, "2019-01-02T00:00:00Z", "sequence numbers start at 1")));
        assertThrows(InvalidArchiveEvent.class, () -> writer.apply(ArchiveLog.deduplicated(key, -1)));

        log.publish(wrongSha1);
        log.publish(good);
        awaitRevisionCount(key, 1);
        assertHistory(key, List.of(1));
        given().when().get("/articles/{key}/revisions/2", key).then().statusCode(404);
    }
}
