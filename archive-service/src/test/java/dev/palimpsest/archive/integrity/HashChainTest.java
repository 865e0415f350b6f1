package dev.palimpsest.archive.integrity;

import db.migration.V12__hashes_as_bytes;
import db.migration.V8__hash_chain;
import dev.palimpsest.archive.history.RevisionArchiver;
import dev.palimpsest.archive.history.StoredTexts;
import dev.palimpsest.archive.history.TextPacks;
import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.EventLog;
import dev.palimpsest.devstack.testing.TestTokens;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.ContentSlot;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.MainText;
import dev.palimpsest.events.MediaWikiSource;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.Provenance;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.SubmissionDeduplicated;
import dev.palimpsest.events.SubmittedEvent;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.Utf8Text;
import dev.palimpsest.events.Visibility;
import dev.palimpsest.events.kafka.EventDeserializer;
import dev.palimpsest.textstore.PackPolicy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToIntFunction;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hash chain on the real stack: revisions archived from Kafka are chained in arrival order, the verification
 * endpoint proves an untouched history, and each kind of tampering done directly in PostgreSQL is caught at the
 * revision it breaks.
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))
class HashChainTest {

    /** Every event as if read from partition 0: archived to transparency log 0. */
    private static final ToIntFunction<SubmittedEvent> ONE_PARTITION = event -> 0;

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

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    EntityManager database;

    @Inject
    DataSource dataSource;

    private static EventLog log() {
        return new EventLog(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    private static RevisionSubmitted edit(String articleKey, String text, String editedAt, long revId) {
        return new RevisionSubmitted(RevisionSubmitted.SCHEMA, EventMeta.now(Topics.REVISIONS_SUBMITTED, "test"),
                articleKey, new Provenance("Title of " + articleKey, Instant.parse(editedAt), revId, null,
                Performer.named("Editor"), "edit " + revId), new MainText(Utf8Text.of(text), ContentHash.sha1Hex(text),
                ContentHash.utf8Length(text)), "rev:" + revId);
    }

    private static void submit(RevisionSubmitted... events) {
        for (RevisionSubmitted event : events) {
            log().publish(Topics.REVISIONS_SUBMITTED, event.articleKey(), event);
        }
    }

    private static void awaitCounts(String articleKey, int revisions, int submissions) {
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/admin/articles/{key}", articleKey)
                .then().statusCode(200)
                .body("revisionCount", equalTo(revisions))
                .body("submissionCount", equalTo(submissions)));
    }

    private static JsonPath verification(String articleKey) {
        return given().get("/articles/{key}/verification", articleKey)
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    /** Four revisions, distinct texts, archived in this order (rev_seq 1..4). */
    private static void archiveFour(String articleKey) {
        submit(edit(articleKey, "one", "2020-01-01T00:00:00Z", 1), edit(articleKey, "two", "2020-01-02T00:00:00Z", 2),
                edit(articleKey, "three", "2020-01-03T00:00:00Z", 3),
                edit(articleKey, "four", "2020-01-04T00:00:00Z", 4));
        awaitCounts(articleKey, 4, 4);
        assertTrue(verification(articleKey).getBoolean("verified"), "untouched, the chain verifies");
    }

    private void tamper(String sql, Object... parameters) {
        QuarkusTransaction.requiringNew().run(() -> {
            var statement = database.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                statement.setParameter(i + 1, parameters[i]);
            }
            assertTrue(statement.executeUpdate() > 0, "the tampering changed something");
        });
    }

    /** Rewrites the pack holding the text with another text in its place, as a forger with the code would. */
    private void forge(String articleKey, String sha1, String forged) {
        try (Connection connection = dataSource.getConnection()) {
            StoredTexts.forge(connection, articleKey, sha1, forged);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String recordHash(String articleKey, int revSeq) {
        return QuarkusTransaction.requiringNew().call(() -> (String) database.createNativeQuery(
                        "SELECT encode(record_hash, 'hex') FROM revision WHERE article_key = ?1 AND rev_seq = ?2")
                .setParameter(1, articleKey).setParameter(2, revSeq).getSingleResult());
    }

    private static void assertBroken(String articleKey, int revSeq, String reason, int recordsChecked) {
        JsonPath verification = verification(articleKey);
        assertFalse(verification.getBoolean("verified"));
        assertEquals(revSeq, verification.getInt("firstBreak.revSeq"), () -> verification.prettify());
        assertEquals(reason, verification.getString("firstBreak.reason"), () -> verification.prettify());
        assertEquals(recordsChecked, verification.getInt("recordsChecked"));
    }

    private static List<ArchiveEvent> answersTo(UUID submissionId) {
        return log().readAll(Topics.REVISIONS_ARCHIVED, new EventDeserializer.ArchiveEventDeserializer()).stream()
                .map(ConsumerRecord::value)
                .filter(answer -> !(answer instanceof dev.palimpsest.events.TextsArchived)) // texts, not answers
                .filter(answer -> answer.submissionId().equals(submissionId)).toList();
    }

    @Test
    void aHistoryWithABackfillADuplicateSlotsAndHiddenPartsVerifiesInArrivalOrder() {
        String key = "chain-intact";
        archiveVariedHistory(key);

        JsonPath verification = verification(key);
        assertTrue(verification.getBoolean("verified"), verification::prettify);
        assertEquals(4, verification.getInt("recordsChecked"));
        assertEquals(4, verification.getInt("revisionCount"));
        assertNull(verification.get("firstBreak"));
        assertEquals(recordHash(key, 4), verification.getString("headHash"));

        // the chain follows arrival: rev 2 (the backfill, edited first) links to rev 1
        Map<Integer, String[]> links = links(key);
        assertEquals(HashChain.GENESIS, links.get(1)[0]);
        for (int revSeq = 2; revSeq <= 4; revSeq++) {
            assertEquals(links.get(revSeq - 1)[1], links.get(revSeq)[0], "rev " + revSeq + " links to its predecessor");
        }
        assertEquals(Instant.parse("2019-01-01T00:00:00.123456Z"), QuarkusTransaction.requiringNew().call(() ->
                database.createNativeQuery("SELECT rev_timestamp FROM revision WHERE article_key = ?1 AND rev_seq = 2")
                        .setParameter(1, key).getSingleResult()), "rev_seq 2 is the backfill");
    }

    /**
     * Archives, in this order: a revision, a backfill edited before it, a duplicate of the first, a revision with
     * every part hidden and MediaWiki source metadata, a revision with other slots (one hidden).
     */
    private void archiveVariedHistory(String key) {
        RevisionSubmitted latest = edit(key, "the latest text", "2020-03-01T00:00:00Z", 30);
        // a backfill: edited long before, archived after
        RevisionSubmitted backfill = edit(key, "an old text", "2019-01-01T00:00:00.123456Z", 10);
        RevisionSubmitted duplicate = edit(key, "the latest text", "2020-03-01T00:00:00Z", 30);
        RevisionSubmitted hidden = new RevisionSubmitted(RevisionSubmitted.SCHEMA,
                EventMeta.now(Topics.REVISIONS_SUBMITTED, "test"), key, new Provenance("Renamed",
                Instant.parse("2020-02-01T00:00:00Z"), 20L, 10L, null, null), MainText.HIDDEN, "rev:20",
                new MediaWikiSource("testwiki", 7, 0, true, "wikitext", "text/x-wiki", "", "import-1"),
                Visibility.of(true, true, true));
        RevisionSubmitted plainSlots = edit(key, "main text with slots", "2020-04-01T00:00:00Z", 40);
        RevisionSubmitted withSlots = new RevisionSubmitted(RevisionSubmitted.SCHEMA, plainSlots.meta(), key,
                new Provenance(plainSlots.provenance().pageTitle(), plainSlots.provenance().revTimestamp(), 40L, 30L,
                        plainSlots.provenance().performer(), "slots"),
                plainSlots.mainText(), plainSlots.idempotencyKey(), null, null,
                List.of(ContentSlot.of("mediainfo", "wikibase-mediainfo", "application/json", "{\"a\":1}", false),
                        ContentSlot.of("extra", null, null, null, true)));
        submit(latest, backfill, duplicate, hidden, withSlots);
        awaitCounts(key, 4, 5);
        assertInstanceOf(SubmissionDeduplicated.class, await().atMost(PATIENCE)
                .until(() -> answersTo(duplicate.meta().id()), answers -> !answers.isEmpty()).get(0));
    }

    /** rev_seq → {prev_record_hash, record_hash}. */
    private Map<Integer, String[]> links(String articleKey) {
        Map<Integer, String[]> links = new LinkedHashMap<>();
        QuarkusTransaction.requiringNew().call(() -> database.createNativeQuery(
                        "SELECT rev_seq, encode(prev_record_hash, 'hex'), encode(record_hash, 'hex') FROM revision"
                                + " WHERE article_key = ?1")
                .setParameter(1, articleKey).getResultList()).forEach(row -> {
                    Object[] columns = (Object[]) row;
                    links.put(((Number) columns[0]).intValue(), new String[] {(String) columns[1], (String) columns[2]});
                });
        return links;
    }

    @Test
    void anAlteredTextIsCaughtAtTheFirstRevisionThatNamesIt() {
        String key = "chain-text";
        archiveFour(key);
        forge(key, ContentHash.sha1Hex("three"), "forged");
        assertBroken(key, 3, "content-mismatch", 2);
    }

    @Test
    void anAlteredTextWhoseStatedHashIsAlsoRewrittenIsCaughtByTheRecordHash() {
        String key = "chain-text-and-hash";
        archiveFour(key);
        forge(key, ContentHash.sha1Hex("two"), "forged");
        tamper("UPDATE revision SET text_sha256 = decode(?2, 'hex') WHERE article_key = ?1 AND rev_seq = 2", key,
                HashChain.contentHash("forged"));
        assertBroken(key, 2, "record-mismatch", 1);
    }

    @Test
    void anAlteredCommentIsCaught() {
        String key = "chain-comment";
        archiveFour(key);
        tamper("UPDATE revision SET comment = 'nothing to see' WHERE article_key = ?1 AND rev_seq = 2", key);
        assertBroken(key, 2, "record-mismatch", 1);
    }

    @Test
    void aRecordRehashedAfterItsCommentWasAlteredBreaksTheLinkOfTheNext() {
        String key = "chain-rehashed";
        archiveFour(key);
        tamper("UPDATE revision SET comment = 'nothing to see' WHERE article_key = ?1 AND rev_seq = 2", key);
        String forged = verificationOfRowHash(key, 2);
        tamper("UPDATE revision SET record_hash = decode(?2, 'hex') WHERE article_key = ?1 AND rev_seq = 2", key, forged);
        assertBroken(key, 3, "link-mismatch", 2);
    }

    /** What a forger with the code would compute for the row as it now stands. */
    private String verificationOfRowHash(String articleKey, int revSeq) {
        try (Connection connection = dataSource.getConnection()) {
            StoredRecords.StoredRecord row = StoredRecords.page(connection, articleKey, revSeq - 1, 1,
                    StoredRecords.inPacks(new TextPacks(PackPolicy.DEFAULT, 1_000_000))).get(0);
            return HashChain.recordHash(row.record());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDeletedMiddleRevisionIsCaughtAsMissing() {
        String key = "chain-deleted";
        archiveFour(key);
        tamper("DELETE FROM revision WHERE article_key = ?1 AND rev_seq = 3", key);
        assertBroken(key, 3, "missing-record", 2);
    }

    @Test
    void aDeletedLastRevisionIsCaughtAgainstTheArticlesHead() {
        String key = "chain-truncated";
        archiveFour(key);
        tamper("DELETE FROM revision WHERE article_key = ?1 AND rev_seq = 4", key);
        assertBroken(key, 4, "missing-record", 3);
    }

    @Test
    void twoSwappedRecordHashesAreCaughtAtTheFirst() {
        String key = "chain-swapped";
        archiveFour(key);
        String second = recordHash(key, 2);
        String third = recordHash(key, 3);
        tamper("""
                UPDATE revision SET record_hash = decode(CASE rev_seq WHEN 2 THEN ?2 ELSE ?3 END, 'hex')
                WHERE article_key = ?1 AND rev_seq IN (2, 3)""", key, third, second);
        assertBroken(key, 2, "record-mismatch", 1);
    }

    @Test
    void theV8BackfillLinksExistingHistoriesExactlyAsTheArchiveDoesLive() throws Exception {
        String key = "chain-backfill";
        archiveFour(key);
        archiveVariedHistory("chain-backfill-varied");
        // a connection of its own, not the pool's: the pool's have statements prepared against today's column types,
        // which the old layout put back here changes under them
        Config config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class))) {
            connection.setAutoCommit(false);
            try {
                Map<String, String> live = chainColumns(connection);
                // back to the schema before V8 (PostgreSQL DDL is transactional: all of it is rolled back below),
                // texts in full in content as they were then
                StoredTexts.backToV9(connection);
                try (Statement ddl = connection.createStatement()) {
                    ddl.execute("ALTER TABLE article DROP COLUMN chain_head");
                    ddl.execute("ALTER TABLE revision DROP COLUMN text_sha256, DROP COLUMN prev_record_hash,"
                            + " DROP COLUMN record_hash");
                    ddl.execute("ALTER TABLE revision_slot DROP COLUMN sha256");
                }
                StoredTexts.migrate(new V8__hash_chain(), connection);
                StoredTexts.migrate(new V12__hashes_as_bytes(), connection);
                Map<String, String> backfilled = chainColumns(connection);
                assertEquals(2 + 4 + 4 + 2, live.size(), "two articles, eight revisions, two slots");
                assertEquals(live, backfilled);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
        assertTrue(verification(key).getBoolean("verified"), "the rollback left the live chain as it was");
    }

    /**
     * Every chain column of the articles this test archived, by a readable name (other tests tamper with theirs, and
     * the backfill would rightly link their tampered rows anew).
     */
    private static Map<String, String> chainColumns(Connection connection) throws java.sql.SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        List<String> queries = List.of(
                "SELECT 'article ' || article_key, chain_head FROM article WHERE article_key LIKE 'chain-backfill%'",
                "SELECT 'revision ' || article_key || ' ' || rev_seq, concat_ws(' ', coalesce(text_sha256, 'hidden'),"
                        + " prev_record_hash, record_hash) FROM revision WHERE article_key LIKE 'chain-backfill%'",
                "SELECT 'slot ' || article_key || ' ' || rev_seq || ' ' || role, coalesce(sha256, 'hidden')"
                        + " FROM revision_slot WHERE article_key LIKE 'chain-backfill%'");
        for (String query : queries) {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
                while (rows.next()) {
                    columns.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return columns;
    }

    @Inject
    RevisionArchiver archiver;

    @Test
    void aHistoryLongerThanAPageIsWalkedToTheEndAndABreakOnALaterPageIsFound() {
        String key = "chain-long";
        int revisions = 2 * ChainVerifier.PAGE_SIZE + 500;
        List<RevisionSubmitted> batch = new java.util.ArrayList<>();
        // archived straight through the archiver (the consumer's transaction) to keep the test quick
        for (int revId = 1; revId <= revisions; revId++) {
            batch.add(edit(key, "text " + revId, "2020-01-01T00:00:00Z", revId));
            if (batch.size() == 500) {
                archiver.archiveAll(batch, ONE_PARTITION);
                batch.clear();
            }
        }
        JsonPath intact = verification(key);
        assertTrue(intact.getBoolean("verified"), intact::prettify);
        assertEquals(revisions, intact.getInt("recordsChecked"));

        int tampered = 2 * ChainVerifier.PAGE_SIZE + 222;
        tamper("UPDATE revision SET comment = 'rewritten' WHERE article_key = ?1 AND rev_seq = ?2", key, tampered);
        assertBroken(key, tampered, "record-mismatch", tampered - 1);
    }

    @Test
    void theOperationIsDocumentedWithItsProblems() {
        String operation = "paths.'/articles/{key}/verification'.get";
        JsonPath openApi = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        assertEquals("verifyArticle", openApi.getString(operation + ".operationId"));
        for (String status : List.of("400", "404")) {
            assertEquals("#/components/schemas/Problem", openApi.getString(operation + ".responses.'" + status
                    + "'.content.'application/problem+json'.schema.$ref"));
        }
        assertEquals(List.of("content-mismatch", "link-mismatch", "record-mismatch", "missing-record",
                "head-mismatch"), openApi.getList("components.schemas.ChainBreakReason.enum"));
    }

    @Test
    void anUnknownArticleIsNotFound() {
        given().get("/articles/{key}/verification", "never-archived").then().statusCode(404)
                .contentType("application/problem+json").body("type", endsWith("/problems/article-not-found"));
    }

    @Test
    void aKeyNoArticleCanHaveIsABadRequest() {
        given().urlEncodingEnabled(true).get("/articles/{key}/verification", "no spaces; DROP TABLE article")
                .then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/problems/invalid-article-key"));
        given().get("/articles/{key}/verification", "x".repeat(256)).then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/problems/invalid-article-key"));
    }
}
