package dev.palimpsest.query.provenance;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.RevisionRedacted;
import dev.palimpsest.events.Topics;
import dev.palimpsest.query.ArchiveLog;
import dev.palimpsest.query.ArchivedApiTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.palimpsest.query.ArchiveLog.revision;
import static dev.palimpsest.query.ArchiveLog.uniqueArticleKey;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Token provenance through the API over the real read model (Kafka and PostgreSQL): constructed histories whose
 * authors are known, as-of and main authors, a token's history, a redaction taking its revision out of the
 * attribution, a backfill, and bad input. The algorithm's own cases are the provenance module's tests.
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "query"))
class ProvenanceApiTest extends ArchivedApiTest {

    private static final String INTRO = "The river rises in the San Juan Mountains of Colorado. It flows south"
            + " through New Mexico and forms the border between Texas and Mexico.\n";
    private static final String MORE = "\nIts basin covers about 182,000 square miles.\n";

    /** Each token of the revision's answer as "token/origin revSeq", in order. */
    private static List<String> blame(String key, int revSeq) {
        JsonPath answer = given().get("/articles/{key}/revisions/{n}/provenance?tokens=true", key, revSeq)
                .then().statusCode(200).extract().jsonPath();
        List<String> tokens = answer.getList("tokens");
        List<List<Integer>> runs = answer.getList("runs");
        List<String> blame = new ArrayList<>();
        int at = 0;
        for (List<Integer> run : runs) {
            for (int k = 0; k < run.get(1); k++) {
                blame.add(tokens.get(at++) + "/" + run.get(0));
            }
        }
        assertEquals(tokens.size(), at, "the runs cover every token once");
        assertEquals((int) answer.getInt("tokenCount"), at);
        return blame;
    }

    private static List<String> originsOf(List<String> blame, String... tokens) {
        List<String> found = new ArrayList<>();
        for (String token : tokens) {
            found.add(blame.stream().filter(entry -> entry.startsWith(token + "/")).findFirst()
                    .orElseThrow(() -> new AssertionError(token + " in " + blame)));
        }
        return found;
    }

    @Test
    void vandalismRevertedKeepsTheFirstAuthorAndTheRunsNameTheirRevisionsAndAuthors() {
        String key = uniqueArticleKey("provenance-vandalism");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", INTRO),
                revision(key, 2, "2019-01-02T00:00:00Z", INTRO.replace("San Juan", "San LOL Juan")),
                revision(key, 3, "2019-01-03T00:00:00Z", INTRO + MORE));

        List<String> third = blame(key, 3);
        assertEquals(List.of("river/1", "Colorado/1", "Mexico/1", "basin/3", "miles/3"),
                originsOf(third, "river", "Colorado", "Mexico", "basin", "miles"));
        assertTrue(third.stream().noneMatch(entry -> entry.startsWith("LOL")), third.toString());
        assertEquals(List.of("LOL/2"), originsOf(blame(key, 2), "LOL"));

        JsonPath answer = given().get("/articles/{key}/revisions/3/provenance", key).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("wikitext-1", answer.getString("tokenizer"));
        assertEquals(null, answer.getList("tokens"), "tokens only when asked for");
        assertEquals(List.of(1, 3), answer.getList("origins.revSeq"));
        assertEquals(List.of("Editor 1", "Editor 3"), answer.getList("origins.author.userText"));
        assertEquals("Editor 1", answer.getString("authors[0].author.userText"));
        int introTokens = answer.getInt("authors[0].tokens");
        int moreTokens = answer.getInt("authors[1].tokens");
        assertEquals(answer.getInt("tokenCount"), introTokens + moreTokens);
        assertEquals(10, moreTokens, "Its basin covers about 182 , 000 square miles .");
    }

    @Test
    void asOfATimeAndTheMainAuthors() {
        String key = uniqueArticleKey("provenance-as-of");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", INTRO),
                revision(key, 2, "2019-02-01T00:00:00Z", INTRO + MORE));

        given().get("/articles/{key}/provenance?t=2019-01-15T00:00:00Z", key).then().statusCode(200)
                .body("revSeq", equalTo(1)).body("origins.revSeq", equalTo(List.of(1)));
        given().get("/articles/{key}/provenance", key).then().statusCode(200).body("revSeq", equalTo(2));
        JsonPath authors = given().get("/articles/{key}/authors", key).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("Editor 1", "Editor 2"), authors.getList("authors.author.userText"));
        float first = authors.getFloat("authors[0].share");
        float second = authors.getFloat("authors[1].share");
        assertEquals(1.0, first + second, 0.001);
        assertEquals(List.of(1, 1), authors.getList("authors.revisions"));
        given().get("/articles/{key}/authors?t=2018-01-01T00:00:00Z", key).then().statusCode(404)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void aTokensHistoryTellsWhenItWasAddedRemovedAndReintroduced() {
        String key = uniqueArticleKey("provenance-token");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", INTRO + MORE),
                revision(key, 2, "2019-01-02T00:00:00Z", INTRO),
                revision(key, 3, "2019-01-03T00:00:00Z", INTRO + "\nA dam holds it back.\n"),
                revision(key, 4, "2019-01-04T00:00:00Z", INTRO + MORE));

        List<String> fourth = blame(key, 4);
        int basin = fourth.indexOf("basin/1");
        assertTrue(basin > 0, "the reinserted sentence is its first author's again: " + fourth);
        JsonPath history = given().get("/articles/{key}/revisions/4/provenance/tokens/{i}", key, basin)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("basin", history.getString("token"));
        assertEquals(1, history.getInt("origin.revSeq"));
        assertEquals(List.of("added", "removed", "reintroduced"), history.getList("events.kind"));
        assertEquals(List.of(1, 2, 4), history.getList("events.revision.revSeq"));
        assertEquals("Editor 2", history.getString("events[1].revision.author.userText"));
    }

    @Test
    void aRedactedRevisionHasNoProvenanceAndIsTakenOutOfTheAttribution() {
        String key = uniqueArticleKey("provenance-redacted");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", INTRO),
                revision(key, 2, "2019-01-02T00:00:00Z", INTRO + "\nCall 555-0100 for tours.\n"),
                revision(key, 3, "2019-01-03T00:00:00Z", INTRO + "\nCall 555-0100 for tours.\n" + MORE));
        assertEquals(List.of("Call/2", "tours/2"), originsOf(blame(key, 3), "Call", "tours"));

        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        RevisionRedacted redaction = new RevisionRedacted(RevisionRedacted.SCHEMA,
                EventMeta.now(Topics.REVISIONS_ARCHIVED, null), UUID.randomUUID(), key, 2, "personal data",
                Performer.named("Admin"), now.minusSeconds(1), now);
        archiveLog().publish(redaction);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/articles/{key}/revisions/2/provenance", key).then().statusCode(410)
                        .contentType(PROBLEM_JSON)
                        .body("type", equalTo("https://palimpsest.dev/problems/revision-redacted")));

        // the redacted revision introduces nothing: what it added and revision 3 kept is revision 3's
        List<String> third = blame(key, 3);
        assertEquals(List.of("Call/3", "tours/3", "river/1"), originsOf(third, "Call", "tours", "river"));
        JsonPath answer = given().get("/articles/{key}/revisions/3/provenance", key).then().extract().jsonPath();
        assertEquals(List.of(1, 3), answer.getList("origins.revSeq"));
    }

    @Test
    void aBackfilledRevisionIsAttributedInEditOrder() {
        String key = uniqueArticleKey("provenance-backfill");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", INTRO),
                revision(key, 2, "2019-01-03T00:00:00Z", INTRO + MORE));
        assertEquals(List.of("basin/2"), originsOf(blame(key, 2), "basin"));

        // archived last, edited between the two: the basin sentence was written there first
        archiveLog().publish(revision(key, 3, "2019-01-02T00:00:00Z", INTRO + MORE));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/articles/{key}", key).then().statusCode(200).body("revisionCount", equalTo(3)));
        assertEquals(List.of("basin/3"), originsOf(blame(key, 2), "basin"));
        assertEquals(List.of("basin/3"), originsOf(blame(key, 3), "basin"));
    }

    @Test
    void aTextHiddenAtItsSourceHasNoProvenanceAndIsSkipped() {
        String key = uniqueArticleKey("provenance-hidden");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", INTRO),
                ArchiveLog.hidden(key, 2, "2019-01-02T00:00:00Z"),
                revision(key, 3, "2019-01-03T00:00:00Z", INTRO + MORE));
        given().get("/articles/{key}/revisions/2/provenance", key).then().statusCode(410).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://palimpsest.dev/problems/text-hidden"));
        assertEquals(List.of("river/1", "basin/3"), originsOf(blame(key, 3), "river", "basin"));
    }

    @Test
    void badRequestsAreProblems() {
        String key = uniqueArticleKey("provenance-bad");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", INTRO));
        Map<String, Integer> cases = Map.of(
                "/articles/" + key + "/revisions/1/provenance?tokens=maybe", 400,
                "/articles/" + key + "/revisions/0/provenance", 400,
                "/articles/" + key + "/revisions/9/provenance", 404,
                "/articles/test:nobody-" + UUID.randomUUID() + "/provenance", 404,
                "/articles/" + key + "/provenance?t=yesterday", 400,
                "/articles/" + key + "/revisions/1/provenance/tokens/-1", 400,
                "/articles/" + key + "/revisions/1/provenance/tokens/x", 400,
                "/articles/" + key + "/revisions/1/provenance/tokens/100000", 404);
        cases.forEach((path, status) -> given().urlEncodingEnabled(false).get(path).then().statusCode(status)
                .contentType(PROBLEM_JSON).body("status", equalTo(status)));
    }
}
