package dev.palimpsest.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.devstack.testing.PrometheusText;
import dev.palimpsest.client.ingest.api.SubmissionResourceApi;
import dev.palimpsest.client.ingest.model.SubmissionReceipt;
import dev.palimpsest.client.ingest.model.SubmitRevisionRequest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/observability against the running services: every metric the Grafana dashboard and the alert rules read
 * is one that a service exposes at /q/metrics (after some real traffic, so that per-request series exist). Names
 * are read from the files themselves and from the scrapes, so neither side can drift unnoticed.
 */
// last of the e2e classes (junit-platform.properties): the shared stack is old enough for the Kafka binder by then
@Order(Integer.MAX_VALUE)
class ObservabilityConfigTest {

    private static final Path OBSERVABILITY = SharedStack.home().resolve("deploy/observability");
    /** Series Prometheus makes itself for every target, not read from /q/metrics. */
    private static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void everyMetricOfTheDashboardAndTheAlertsIsExposed() throws Exception {
        Map<String, Set<String>> used = new TreeMap<>();
        dashboardExpressions().forEach(expr -> used.put("dashboard: " + expr, PromQlMetricNames.of(expr)));
        alertExpressions().forEach(expr -> used.put("alerts.yml: " + expr, PromQlMetricNames.of(expr)));
        assertTrue(used.size() >= 20, "the dashboard's and the alerts' expressions were found: " + used.keySet());

        StackClient client = new StackClient(SharedStack.get());
        makeTraffic(client);
        // The Kafka clients' per-partition metrics reach the registry when Micrometer's Kafka binder next looks for
        // new ones (once a minute), not at the first fetch: scrape until everything is there, or give up.
        List<String> missing = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(5))
                    .until(() -> missing(used, exposed(client.stack()), missing));
        } catch (org.awaitility.core.ConditionTimeoutException timeout) {
            // reported below, with what is missing
        }
        assertEquals(List.of(), missing, "metrics read by deploy/observability that no service exposes");
        used.values().forEach(names -> assertFalse(names.isEmpty(), "every expression reads some metric"));
    }

    private Set<String> exposed(PalimpsestStack stack) throws IOException, InterruptedException {
        Set<String> exposed = new TreeSet<>(MADE_BY_PROMETHEUS);
        for (URI service : List.of(stack.ingestUrl(), stack.archiveUrl(), stack.queryUrl())) {
            exposed.addAll(scrape(service).sampleNames());
        }
        return exposed;
    }

    /** Fills {@code missing} with the names {@code used} reads that are not {@code exposed}; true if none. */
    private static boolean missing(Map<String, Set<String>> used, Set<String> exposed, List<String> missing) {
        missing.clear();
        used.forEach((expression, names) -> names.stream().filter(name -> !exposed.contains(name))
                .forEach(name -> missing.add(name + " (" + expression + ")")));
        return missing.isEmpty();
    }

    /** A revision submitted, archived, applied, read as of a time and diffed: every per-request series exists. */
    private void makeTraffic(StackClient client) throws Exception {
        String key = "observability:" + java.util.UUID.randomUUID();
        SubmissionReceipt receipt = null;
        for (String text : List.of("one two three\n", "one two four\n")) {
            receipt = client.ingest().submissions().submitRevision(SubmissionResourceApi.APISubmitRevisionRequest
                    .newBuilder().key(key).submitRevisionRequest(new SubmitRevisionRequest().title("Observability")
                            .text(text).timestamp(Instant.parse("2024-01-01T00:00:00Z")
                                    .plusSeconds(text.length()).toString())).build());
        }
        SubmissionReceipt last = receipt;
        await().atMost(Duration.ofSeconds(90)).until(
                () -> client.query().archivedRevision(key, last.getEventId()).isPresent());
        client.query().asOfText(key, Instant.now());
        client.query().diffText(key, "1", "2", "word", "json");
        HttpResponse<String> revisionDiff = http.send(HttpRequest.newBuilder(
                        client.stack().queryUrl().resolve("/articles/" + key + "/revisions/2/diff")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, revisionDiff.statusCode(), revisionDiff.body());
    }

    private PrometheusText scrape(URI service) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(service.resolve("/q/metrics"))
                .header("Accept", "text/plain").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), service + "/q/metrics");
        return PrometheusText.parse(response.body());
    }

    private static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(
                OBSERVABILITY.resolve("grafana/palimpsest-dashboard.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> expressions.add(expr.asText()));
        return expressions;
    }

    private static List<String> alertExpressions() throws IOException {
        JsonNode rules = new YAMLMapper().readTree(Files.readString(OBSERVABILITY.resolve("alerts.yml")));
        List<String> expressions = new ArrayList<>();
        rules.path("groups").forEach(group -> group.path("rules")
                .forEach(rule -> expressions.add(rule.path("expr").asText())));
        return expressions;
    }
}
