package dev.palimpsest.query.rebuild;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.TestTokens;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.query.ArchiveLog;
import dev.palimpsest.query.ArchivedApiTest;
import dev.palimpsest.query.readmodel.LiveApplyGate;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.palimpsest.query.ArchiveLog.deduplicated;
import static dev.palimpsest.query.ArchiveLog.revision;
import static dev.palimpsest.query.ArchiveLog.uniqueArticleKey;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read-model rebuild through its admin endpoint, against the real broker and database: a new generation built
 * from offset zero beside the live one answers exactly as the live one did; revisions archived while the live
 * consumer is held for the switch are in it afterwards; a second rebuild meanwhile is refused; the old generation
 * is gone.
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "query"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadModelRebuildTest extends ArchivedApiTest {

    private static final String PATH = "/admin/read-model/rebuild";

    @Inject
    LiveApplyGate gate;

    @Inject
    AgroalDataSource dataSource;

    @Test
    @Order(1)
    void onlyAdministratorsRebuild() {
        given().post(PATH).then().statusCode(401).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://palimpsest.dev/problems/unauthenticated"));
        given().auth().oauth2(TestTokens.writer()).post(PATH).then().statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://palimpsest.dev/problems/forbidden"));
        given().auth().oauth2(TestTokens.writer()).get(PATH).then().statusCode(403).contentType(PROBLEM_JSON);
    }

    @Test
    @Order(2)
    void aRebuiltReadModelAnswersAsTheLiveOneAndKeepsWhatArrivedDuringTheSwitch() throws Exception {
        String key = uniqueArticleKey("rebuild");
        // a leaf of a transparency log of the test's own, which the rebuilt model must copy again (ADR 0040)
        RevisionArchived first = ArchiveLog.withLeaf(revision(key, 1, "2020-01-01T00:00:00Z",
                "Rebuilt\nfirst line\n"), 10, 0);
        RevisionArchived second = revision(key, 2, "2021-01-01T00:00:00Z", "Rebuilt\nsecond line, 中文\n");
        RevisionArchived third = revision(key, 3, "2022-01-01T00:00:00Z", "Rebuilt\nfirst line\n");
        archive(key, first, second, third);
        archiveLog().publish(deduplicated(key, 2));
        Map<String, byte[]> before = answers(key);
        long liveSchema = liveSchemaOid();

        String during = uniqueArticleKey("rebuild-during");
        gate.hold(); // the live consumer waits between two batches, and the rebuild waits for it to switch
        boolean held = true;
        try {
            given().auth().oauth2(TestTokens.admin()).post(PATH).then().statusCode(202)
                    .header("Location", org.hamcrest.Matchers.endsWith(PATH));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() ->
                    status().path("phase"), phase -> phase.equals("switching"));
            given().auth().oauth2(TestTokens.admin()).post(PATH).then().statusCode(409).contentType(PROBLEM_JSON)
                    .body("type", equalTo("https://palimpsest.dev/problems/rebuild-in-progress"));
            // archived while neither the live model nor the new one applies anything
            archiveLog().publish(revision(during, 1, "2023-01-01T00:00:00Z", "during the switch\n"));
            archiveLog().publish(revision(during, 2, "2023-02-01T00:00:00Z", "during the switch, again\n"));
            gate.release();
            held = false;
        } finally {
            if (held) {
                gate.release();
            }
        }
        Response done = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(this::status, status -> !status.path("phase").equals("switching")
                        && !status.path("phase").equals("dropping-old"));
        assertEquals("switched", done.path("phase"), done.asString());
        assertEquals(done.<Number>path("total").longValue(), done.<Number>path("replayed").longValue(),
                done.asString());

        assertNotEquals(liveSchema, liveSchemaOid(), "reads moved to another schema");
        assertTrue(schemasNamed(ReadModelGenerations.NEXT, ReadModelGenerations.RETIRED) == 0,
                "neither the building nor the old generation is left");
        Map<String, byte[]> after = answers(key);
        for (var answer : before.entrySet()) {
            assertArrayEquals(answer.getValue(), after.get(answer.getKey()), answer.getKey());
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/articles/{key}", during).then().statusCode(200).body("revisionCount", equalTo(2)));
        given().get("/articles/{key}/revisions/{n}", during, 2).then().statusCode(200)
                .body("text", equalTo("during the switch, again\n"));
    }

    /**
     * Another member in the live consumer group (as another query-service instance would be) makes a rebuild
     * unsafe: it is refused, and nothing starts. Last: the member's joining and leaving moves the live consumer's
     * partitions.
     */
    @Test
    @Order(3)
    void aRebuildIsRefusedWhileAnotherConsumerSharesTheLiveGroup() {
        var config = ConfigProvider.getConfig();
        Map<String, Object> member = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.GROUP_ID_CONFIG, config.getValue("mp.messaging.incoming.revisions-archived.group.id",
                        String.class),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, // it never moves the live group's offsets
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        String before = given().auth().oauth2(TestTokens.admin()).get(PATH).then().extract().asString();
        try (KafkaConsumer<byte[], byte[]> other = new KafkaConsumer<>(member)) {
            other.subscribe(List.of(config.getValue("mp.messaging.incoming.revisions-archived.topic",
                    String.class)));
            // joined once the group has given out its partitions, to it or to the service's consumer
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                other.poll(Duration.ofMillis(200));
                return other.groupMetadata().generationId() > 0;
            });
            given().auth().oauth2(TestTokens.admin()).post(PATH).then().statusCode(409).contentType(PROBLEM_JSON)
                    .body("type", equalTo("https://palimpsest.dev/problems/rebuild-refused"))
                    .body("detail", org.hamcrest.Matchers.startsWith("2 consumers (query-service instances) read"));
        }
        assertEquals(before, given().auth().oauth2(TestTokens.admin()).get(PATH).then().extract().asString(),
                "no rebuild started");
    }

    private Response status() {
        return given().auth().oauth2(TestTokens.admin()).get(PATH).then().statusCode(200).extract().response();
    }

    /** The bodies of the article's answers, byte for byte. */
    private static Map<String, byte[]> answers(String key) {
        Map<String, byte[]> answers = new LinkedHashMap<>();
        for (String path : new String[] {"/articles/" + key, "/articles/" + key + "/revisions",
                "/articles/" + key + "/revisions/2", "/articles/" + key + "/as-of?t=2021-06-01T00:00:00Z",
                "/articles/" + key + "/diff?from=1&to=2&format=unified",
                "/articles?prefix=Title%203", "/log"}) {
            answers.put(path, given().urlEncodingEnabled(false).get(path).then().statusCode(200).extract()
                    .asByteArray());
        }
        return answers;
    }

    private long liveSchemaOid() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet oid = statement.executeQuery(
                     "SELECT oid FROM pg_namespace WHERE nspname = current_schema()")) {
            oid.next();
            return oid.getLong(1);
        }
    }

    private int schemasNamed(String... names) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname IN ('"
                     + String.join("', '", names) + "')")) {
            count.next();
            return count.getInt(1);
        }
    }
}
