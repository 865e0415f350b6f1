package dev.palimpsest.ingest.observability;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.PrometheusText;
import dev.palimpsest.devstack.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ingest-service's /q/metrics after real traffic against a real Kafka: each answer to a submission is counted once
 * under its outcome and problem type, each acknowledged publish is timed in a histogram, an import's revisions are
 * counted as the broker acknowledges them, and the Kafka producer's own metrics reach the registry.
 */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class IngestMetricsTest {

    private static final String SUBMISSIONS = "palimpsest_ingest_submissions_total";
    private static final Path WIKI = Path.of(System.getProperty("user.dir")).resolve("../data/wiki").normalize();

    static PrometheusText scrape() {
        String text = given().accept("text/plain").when().get("/q/metrics")
                .then().statusCode(200).extract().asString();
        return PrometheusText.parse(text);
    }

    @Test
    void everyAnswerToASubmissionIsCountedByOutcomeAndReason() {
        PrometheusText before = scrape();

        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(TestTokens.writer()).contentType(ContentType.JSON)
                    .body(Map.of("title", "Metrics", "text", "revision " + i + "\n"))
                    .when().post("/articles/{key}/revisions", "metrics-ingest-1")
                    .then().statusCode(202);
        }
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(TestTokens.writer()).contentType(ContentType.JSON).body("{\"title\": ")
                    .when().post("/articles/{key}/revisions", "metrics-ingest-1")
                    .then().statusCode(400);
        }
        given().contentType(ContentType.JSON).body(Map.of("title", "T", "text", "x"))
                .when().post("/articles/{key}/revisions", "metrics-ingest-1")
                .then().statusCode(401);

        PrometheusText after = scrape();
        assertEquals(3, increase(before, after, SUBMISSIONS, "outcome", "accepted", "reason", "none"));
        assertEquals(2, increase(before, after, SUBMISSIONS, "outcome", "refused", "reason", "malformed-json"));
        assertEquals(1, increase(before, after, SUBMISSIONS, "outcome", "refused", "reason", "unauthenticated"));
        assertEquals(0, increase(before, after, SUBMISSIONS, "outcome", "failed"), "the broker acknowledged all");

        double published = increase(before, after, "palimpsest_ingest_publish_seconds_count",
                "outcome", "acknowledged");
        assertTrue(published >= 3, "each accepted submission was published and timed: " + published);
        assertEquals(after.sum("palimpsest_ingest_publish_seconds_count", "outcome", "acknowledged"),
                after.sum("palimpsest_ingest_publish_seconds_bucket", "outcome", "acknowledged", "le", "+Inf"),
                "a histogram: its +Inf bucket holds every observation");
        assertTrue(after.find("palimpsest_ingest_publish_seconds_bucket", "outcome", "acknowledged").size() > 10,
                "with buckets to compute percentiles from");
        assertTrue(after.sum("palimpsest_ingest_publish_seconds_sum", "outcome", "acknowledged") > 0);
    }

    @Test
    void anImportCountsItsStartItsRevisionsAndItsEnd() throws IOException {
        PrometheusText before = scrape();

        String importId = given().auth().oauth2(TestTokens.writer()).contentType("application/octet-stream")
                .body(Files.readAllBytes(WIKI.resolve("simplewiki_sample_suppressed_revs_schema0.11.xml")))
                .when().post("/imports").then().statusCode(202).extract().path("importId");
        await().atMost(Duration.ofSeconds(120)).until(() -> !"PUBLISHING".equals(
                given().get("/imports/{id}", importId).then().statusCode(200).extract().path("state")));
        int publishedByTheImport = given().get("/imports/{id}", importId).then().extract().path("published");

        PrometheusText after = scrape();
        assertEquals(1, increase(before, after, "palimpsest_ingest_imports_started_total"));
        assertEquals(1, increase(before, after, "palimpsest_ingest_imports_finished_total", "outcome", "completed"));
        assertEquals(33, publishedByTheImport);
        assertEquals(publishedByTheImport, increase(before, after, "palimpsest_ingest_import_revisions_total",
                "outcome", "published"));
        assertTrue(increase(before, after, "palimpsest_ingest_publish_seconds_count", "outcome", "acknowledged")
                >= publishedByTheImport, "an import's sends are timed too");
    }

    @Test
    void everyPalimpsestMetricIsDescribedAndTheKafkaProducerIsMeasured() {
        PrometheusText metrics = scrape();
        for (String family : new String[] {"palimpsest_ingest_submissions_total", "palimpsest_ingest_publish_seconds",
                "palimpsest_ingest_imports_started_total", "palimpsest_ingest_imports_finished_total",
                "palimpsest_ingest_import_revisions_total"}) {
            assertNotNull(metrics.type(family), family + " is exposed: " + metrics.families());
            String help = metrics.help(family);
            assertTrue(help != null && !help.isBlank(), family + " has a description");
        }
        metrics.families().stream().filter(family -> family.startsWith("palimpsest_"))
                .forEach(family -> assertFalse(metrics.help(family) == null || metrics.help(family).isBlank(),
                        family + " has a description"));
        assertFalse(metrics.find("kafka_producer_record_send_total").isEmpty(),
                "the Kafka producer's own metrics are bound (quarkus.micrometer.binder.kafka)");
    }

    private static double increase(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
