package dev.palimpsest.archive.admin;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.EventLog;
import dev.palimpsest.devstack.testing.TestTokens;
import dev.palimpsest.events.Roles;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.kafka.DeadLetterHeaders;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /admin/dead-letters}: the newest dead letters of both services, read from their topics. */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))
class DeadLetterApiTest {

    /** The /admin operations need the admin role: every request of this class carries an admin's token. */
    @BeforeEach
    void asAdmin() {
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + TestTokens.admin()).build();
    }

    @AfterEach
    void anonymousAgain() {
        RestAssured.requestSpecification = null;
    }


    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Writes a dead letter as the query service does (its consumer is not running in this test). */
    private static RecordMetadata deadLetterFromTheQueryService(String key) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            var record = new ProducerRecord<>(Topics.ARCHIVED_DLQ, null, key, "{bad".getBytes(StandardCharsets.UTF_8),
                    DeadLetterHeaders.of(new IllegalArgumentException("not an archive event"),
                            Topics.REVISIONS_ARCHIVED, 2, 17L));
            return producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    private static JsonPath list(int limit) {
        return given().queryParam("limit", limit).get("/admin/dead-letters")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    @Test
    void listsTheNewestDeadLettersOfBothTopicsWithTheirReasons() throws Exception {
        String key = "dead-letters:" + UUID.randomUUID();
        new EventLog(bootstrapServers()).publishRaw(Topics.REVISIONS_SUBMITTED, key,
                "{not json".getBytes(StandardCharsets.UTF_8));
        // the archive dead-letters the undecodable submission itself
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                list(DeadLetterResource.MAX_LIMIT).getList("deadLetters.findAll { it.key == '" + key + "' }")
                        .size() == 1);
        RecordMetadata fromQuery = deadLetterFromTheQueryService(key);

        JsonPath page = list(DeadLetterResource.MAX_LIMIT);
        List<Map<String, Object>> ours = page.getList("deadLetters.findAll { it.key == '" + key + "' }");
        assertEquals(2, ours.size(), ours.toString());
        Map<String, Object> newest = ours.get(0);
        assertEquals(Topics.ARCHIVED_DLQ, newest.get("topic"), "newest first");
        assertEquals(fromQuery.offset(), ((Number) newest.get("offset")).longValue());
        assertEquals("not an archive event", newest.get("reason"));
        assertEquals(IllegalArgumentException.class.getName(), newest.get("exceptionClass"));
        assertEquals(Topics.REVISIONS_ARCHIVED, newest.get("originalTopic"));
        assertEquals(2, newest.get("originalPartition"));
        assertEquals(17, ((Number) newest.get("originalOffset")).intValue());
        assertEquals(4, newest.get("valueBytes"));

        Map<String, Object> archived = ours.get(1);
        assertEquals(Topics.REVISIONS_DLQ, archived.get("topic"));
        assertEquals(Topics.REVISIONS_SUBMITTED, archived.get("originalTopic"));
        assertEquals("dev.palimpsest.archive.intake.UndecodableSubmission", archived.get("exceptionClass"));
        assertTrue(((String) archived.get("reason")).contains("not a valid SubmittedEvent"), archived.toString());
        assertEquals("{not json".length(), archived.get("valueBytes"));

        List<String> times = page.getList("deadLetters.time");
        for (int i = 1; i < times.size(); i++) {
            assertFalse(Instant.parse(times.get(i)).isAfter(Instant.parse(times.get(i - 1))), "newest first");
        }
        assertTrue(page.getLong("counts.'" + Topics.ARCHIVED_DLQ + "'") >= 1);
        assertTrue(page.getLong("counts.'" + Topics.REVISIONS_DLQ + "'") >= 1);
    }

    @Test
    void theLimitBoundsTheList() throws Exception {
        deadLetterFromTheQueryService("dead-letters:" + UUID.randomUUID());
        deadLetterFromTheQueryService("dead-letters:" + UUID.randomUUID());
        assertEquals(1, list(1).getList("deadLetters").size());
        assertEquals(2, list(2).getList("deadLetters").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "ten", " ", "1e2", "99999999999"})
    void aBadLimitIsAProblem(String limit) {
        given().queryParam("limit", limit).get("/admin/dead-letters")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/problems/invalid-parameter"));
    }

    @Test
    void theAdminOperationsNeedAnAdminsTokenAndVerificationStaysPublic() {
        RestAssured.requestSpecification = null; // these requests choose their own credentials
        for (String path : List.of("/admin/dead-letters", "/admin/articles/any-article")) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer "))
                    .body("type", endsWith("/problems/unauthenticated"));
            given().auth().oauth2(TestTokens.expired(Roles.ADMIN)).get(path).then().statusCode(401)
                    .body("type", endsWith("/problems/unauthenticated"))
                    .body("detail", containsString("expired"));
            given().auth().oauth2(TestTokens.writer()).get(path).then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/problems/forbidden"));
        }
        given().auth().oauth2(TestTokens.admin()).get("/admin/articles/{key}", "never-archived").then()
                .statusCode(404).body("type", endsWith("/problems/article-not-found"));
        given().get("/articles/{key}/verification", "never-archived").then()
                .statusCode(not(anyOf(equalTo(401), equalTo(403))));
    }

    @Test
    void theOperationIsDocumentedWithItsProblems() {
        String operation = "paths.'/admin/dead-letters'.get";
        JsonPath openApi = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        assertEquals("listDeadLetters", openApi.getString(operation + ".operationId"));
        assertEquals("bearer", openApi.getString("components.securitySchemes.bearer.scheme"));
        assertEquals(List.of(), openApi.getList(operation + ".security[0].bearer"));
        for (String status : List.of("400", "401", "403", "503")) {
            assertEquals("#/components/schemas/Problem", openApi.getString(operation + ".responses.'" + status
                    + "'.content.'application/problem+json'.schema.$ref"));
        }
    }
}
