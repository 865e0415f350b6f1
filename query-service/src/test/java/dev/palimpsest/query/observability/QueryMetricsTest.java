package dev.palimpsest.query.observability;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.PrometheusText;
import dev.palimpsest.events.Topics;
import dev.palimpsest.query.ArchiveLog;
import dev.palimpsest.query.ArchivedApiTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.palimpsest.query.ArchiveLog.revision;
import static dev.palimpsest.query.ArchiveLog.uniqueArticleKey;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * query-service's /q/metrics after real traffic through a real Kafka and PostgreSQL: events applied by outcome,
 * dead letters by reason, how late the read model is (per partition, and per event), and the latency histograms
 * of as-of and diff.
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "query"))
class QueryMetricsTest extends ArchivedApiTest {

    private static final String REQUESTS = "palimpsest_query_request_seconds";
    private static final String NEWEST = "palimpsest_query_read_model_newest_archived_time_seconds";

    private static PrometheusText scrape() {
        return PrometheusText.parse(given().accept("text/plain").when().get("/q/metrics")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void appliedEventsDeadLettersAndTheReadModelsAgeAreMeasured() {
        PrometheusText before = scrape();
        String key = uniqueArticleKey("metrics");
        Instant archivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        archiveLog().publish(revision(key, 1, "2019-01-01T00:00:00Z", "first\n", archivedAt));
        RecordMetadata second = archiveLog().publish(revision(key, 2, "2019-02-01T00:00:00Z", "second\n", archivedAt));
        archiveLog().publishBytes(key, "not JSON".getBytes(StandardCharsets.UTF_8));
        archiveLog().publish(ArchiveLog.deduplicated(key, -1)); // breaks an invariant of the read model

        AtomicReference<PrometheusText> scraped = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            scraped.set(scrape());
            return increase(before, scraped.get(), "palimpsest_query_archive_events_total") >= 2
                    && increase(before, scraped.get(), "palimpsest_dead_letters_total") >= 2;
        });
        PrometheusText after = scraped.get();

        assertEquals(2, increase(before, after, "palimpsest_query_archive_events_total", "outcome", "applied"));
        assertEquals(1, increase(before, after, "palimpsest_dead_letters_total",
                "topic", Topics.ARCHIVED_DLQ, "reason", "undecodable"));
        assertEquals(1, increase(before, after, "palimpsest_dead_letters_total",
                "topic", Topics.ARCHIVED_DLQ, "reason", "invalid"));
        assertEquals(2, increase(before, after, "palimpsest_query_read_model_apply_delay_seconds_count"));
        assertFalse(after.find("palimpsest_query_read_model_apply_delay_seconds_bucket").isEmpty());

        double newest = after.sum(NEWEST, "topic", Topics.REVISIONS_ARCHIVED,
                "partition", Integer.toString(second.partition()));
        assertTrue(newest >= archivedAt.toEpochMilli() / 1000.0 - 0.001,
                "the partition's newest applied event is at least as new as ours: " + newest);
        assertTrue(newest <= Instant.now().toEpochMilli() / 1000.0, "and not from the future: " + newest);
    }

    @Test
    void asOfAndDiffLatenciesAreHistogramsPerEndpoint() {
        String key = uniqueArticleKey("metrics-latency");
        archiveLog().publish(revision(key, 1, "2019-01-01T00:00:00Z", "one two three\n"));
        archiveLog().publish(revision(key, 2, "2019-02-01T00:00:00Z", "one two four\n"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/articles/{key}", key)
                .then().statusCode(200).body("revisionCount", equalTo(2)));
        PrometheusText before = scrape();

        for (int i = 0; i < 3; i++) {
            given().queryParam("t", "2019-03-01T00:00:00Z").when().get("/articles/{key}/as-of", key)
                    .then().statusCode(200);
        }
        given().queryParam("t", "not-a-time").when().get("/articles/{key}/as-of", key).then().statusCode(400);
        given().queryParam("from", 1).queryParam("to", 2).when().get("/articles/{key}/diff", key)
                .then().statusCode(200);
        given().when().get("/articles/{key}/revisions/{n}/diff", key, 2).then().statusCode(200);

        PrometheusText after = scrape();
        assertEquals(4, increase(before, after, REQUESTS + "_count", "endpoint", "as-of"),
                "every as-of answer is timed, refusals too");
        assertEquals(1, increase(before, after, REQUESTS + "_count", "endpoint", "diff"));
        assertEquals(1, increase(before, after, REQUESTS + "_count", "endpoint", "revision-diff"));
        for (String endpoint : new String[] {"as-of", "diff", "revision-diff"}) {
            assertTrue(after.find(REQUESTS + "_bucket", "endpoint", endpoint).size() > 10,
                    endpoint + ": buckets to compute percentiles from");
            assertEquals(after.sum(REQUESTS + "_count", "endpoint", endpoint),
                    after.sum(REQUESTS + "_bucket", "endpoint", endpoint, "le", "+Inf"));
        }
    }

    @Test
    void theConsumersLagPerPartitionAndTheDescriptionsAreExposed() {
        await().atMost(Duration.ofSeconds(60)).until(() -> !scrape()
                .find("kafka_consumer_fetch_manager_records_lag", "topic", Topics.REVISIONS_ARCHIVED).isEmpty());
        PrometheusText metrics = scrape();
        for (String family : new String[] {"palimpsest_query_archive_events_total", "palimpsest_dead_letters_total",
                "palimpsest_query_read_model_apply_delay_seconds", REQUESTS}) {
            assertNotNull(metrics.type(family), family + " is exposed: " + metrics.families());
        }
        metrics.families().stream().filter(family -> family.startsWith("palimpsest_"))
                .forEach(family -> assertFalse(metrics.help(family) == null || metrics.help(family).isBlank(),
                        family + " has a description"));
    }

    private static double increase(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
