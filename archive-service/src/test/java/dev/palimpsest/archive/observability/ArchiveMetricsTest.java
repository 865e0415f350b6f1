package dev.palimpsest.archive.observability;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.EventLog;
import dev.palimpsest.devstack.testing.PrometheusText;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.MainText;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.Provenance;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.Utf8Text;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * archive-service's /q/metrics after real traffic through a real Kafka and PostgreSQL: answers counted by outcome,
 * dead letters by reason, the batch and per-revision latencies as histograms, and the consumer's lag per partition
 * from the Kafka client itself.
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))
class ArchiveMetricsTest {

    private static final String ANSWERS = "palimpsest_archive_answers_total";
    private static final String DEAD_LETTERS = "palimpsest_dead_letters_total";
    private static final String LATENCY = "palimpsest_archive_revision_latency_seconds";

    private static PrometheusText scrape() {
        return PrometheusText.parse(given().accept("text/plain").when().get("/q/metrics")
                .then().statusCode(200).extract().asString());
    }

    private static EventLog log() {
        return new EventLog(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    private static RevisionSubmitted submission(String articleKey, String text, String idempotencyKey) {
        return new RevisionSubmitted(RevisionSubmitted.SCHEMA, EventMeta.now(Topics.REVISIONS_SUBMITTED,
                "metrics-test"), articleKey, new Provenance("Metrics", Instant.parse("2020-01-01T00:00:00Z"), null,
                null, Performer.named("Editor"), "comment"), new MainText(Utf8Text.of(text), ContentHash.sha1Hex(text),
                ContentHash.utf8Length(text)), idempotencyKey);
    }

    @Test
    void answersDeadLettersAndLatenciesAreCountedAsTheyHappen() {
        PrometheusText before = scrape();
        String key = "metrics-archive-1";
        log().publish(Topics.REVISIONS_SUBMITTED, key, submission(key, "first\n", "rev:1"));
        log().publish(Topics.REVISIONS_SUBMITTED, key, submission(key, "second\n", "rev:2"));
        log().publish(Topics.REVISIONS_SUBMITTED, key, submission(key, "first again\n", "rev:1"));
        log().publishRaw(Topics.REVISIONS_SUBMITTED, key, "{not json".getBytes(StandardCharsets.UTF_8));
        // ingest refuses NUL characters; PostgreSQL refuses them from a producer that bypasses it
        log().publish(Topics.REVISIONS_SUBMITTED, key, submission(key, "a\0b", "rev:3"));

        AtomicReference<PrometheusText> scraped = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            scraped.set(scrape());
            return increase(before, scraped.get(), ANSWERS) >= 3 && increase(before, scraped.get(), DEAD_LETTERS) >= 2;
        });
        PrometheusText after = scraped.get();

        assertEquals(2, increase(before, after, ANSWERS, "outcome", "archived"));
        assertEquals(1, increase(before, after, ANSWERS, "outcome", "deduplicated"));
        assertEquals(1, increase(before, after, DEAD_LETTERS, "topic", Topics.REVISIONS_DLQ, "reason", "undecodable"));
        assertEquals(1, increase(before, after, DEAD_LETTERS, "topic", Topics.REVISIONS_DLQ, "reason", "refused"));
        assertEquals(0, increase(before, after, DEAD_LETTERS, "reason", "invalid"));

        assertEquals(2, increase(before, after, LATENCY + "_count"), "one latency per new revision");
        assertTrue(increase(before, after, LATENCY + "_sum") > 0);
        assertEquals(after.sum(LATENCY + "_count"), after.sum(LATENCY + "_bucket", "le", "+Inf"));
        assertTrue(after.find(LATENCY + "_bucket").size() > 10, "buckets to compute percentiles from");
        assertTrue(increase(before, after, "palimpsest_archive_batch_seconds_count") >= 1);
        assertFalse(after.find("palimpsest_archive_batch_seconds_bucket").isEmpty());
    }

    @Test
    void theConsumersLagPerPartitionAndTheDescriptionsAreExposed() {
        log().publish(Topics.REVISIONS_SUBMITTED, "metrics-archive-2",
                submission("metrics-archive-2", "lag\n", "rev:1"));
        await().atMost(Duration.ofSeconds(60)).until(() -> !scrape()
                .find("kafka_consumer_fetch_manager_records_lag", "topic", Topics.REVISIONS_SUBMITTED).isEmpty());
        PrometheusText metrics = scrape();
        assertTrue(metrics.find("kafka_consumer_fetch_manager_records_lag", "topic", Topics.REVISIONS_SUBMITTED)
                .stream().allMatch(sample -> sample.labels().containsKey("partition") && sample.value() >= 0),
                "a lag per assigned partition");
        for (String family : new String[] {"palimpsest_archive_answers_total", "palimpsest_dead_letters_total",
                "palimpsest_archive_batch_seconds", "palimpsest_archive_revision_latency_seconds"}) {
            assertNotNull(metrics.type(family), family + " is exposed: " + metrics.families());
        }
        metrics.families().stream().filter(family -> family.startsWith("palimpsest_"))
                .forEach(family -> assertFalse(metrics.help(family) == null || metrics.help(family).isBlank(),
                        family + " has a description"));
        for (String reason : new String[] {"undecodable", "invalid", "refused"}) {
            assertEquals(1, metrics.find(DEAD_LETTERS, "reason", reason).size(),
                    "every reason's series exists from the start, for alerts on its increase: " + reason);
        }
    }

    private static double increase(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
