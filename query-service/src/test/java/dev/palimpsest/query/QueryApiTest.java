package dev.palimpsest.query;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.ContentSlot;
import dev.palimpsest.events.Provenance;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.SubmissionDeduplicated;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.palimpsest.query.ArchiveLog.revision;
import static dev.palimpsest.query.ArchiveLog.uniqueArticleKey;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The query API over a read model fed through a real Kafka broker into a real PostgreSQL. */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "query"))
class QueryApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    private static ArchiveLog log;

    @BeforeAll
    static void openLog() {
        log = new ArchiveLog();
    }

    @AfterAll
    static void closeLog() {
        log.close();
    }

    /** Publishes the revisions and waits until the read model holds all of them. */
    static void archive(String articleKey, RevisionArchived... revisions) {
        for (RevisionArchived revision : revisions) {
            log.publish(revision);
        }
        awaitRevisionCount(articleKey, revisions.length);
    }

    static void awaitRevisionCount(String articleKey, int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().when().get("/articles/{key}", articleKey)
                        .then().statusCode(200).body("revisionCount", equalTo(count)));
    }

    private static List<Integer> seqs(String articleKey, String order, int limit) {
        List<Integer> seqs = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("limit", limit);
            if (order != null) {
                request.queryParam("order", order);
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.when().get("/articles/{key}/revisions", articleKey)
                    .then().statusCode(200).contentType("application/json").extract().response();
            seqs.addAll(page.path("revisions.revSeq"));
            cursor = page.path("next");
            pages++;
        } while (cursor != null && pages < 100);
        return seqs;
    }

    @Test
    void historyIsOrderedByEditTimeInBothDirectionsAndPages() {
        String key = uniqueArticleKey("history");
        // #3 is a backfill: archived third, edited first
        archive(key,
                revision(key, 1, "2019-01-02T00:00:00Z", "one"),
                revision(key, 2, "2019-01-03T00:00:00Z", "two"),
                revision(key, 3, "2019-01-01T00:00:00Z", "three"),
                revision(key, 4, "2019-01-03T00:00:00Z", "four, same time as two"),
                revision(key, 5, "2019-01-04T00:00:00Z", "five"));

        given().when().get("/articles/{key}/revisions", key).then().statusCode(200)
                .body("articleKey", equalTo(key))
                .body("title", equalTo("Title 5"))
                .body("next", nullValue())
                .body("revisions.revSeq", equalTo(List.of(5, 4, 2, 1, 3)))
                .body("revisions[0].revTimestamp", equalTo("2019-01-04T00:00:00Z"))
                .body("revisions[0].revId", equalTo(1005))
                .body("revisions[0].revParentId", equalTo(1004))
                .body("revisions[0].author.userText", equalTo("Editor 5"))
                .body("revisions[0].author.userId", equalTo(7))
                .body("revisions[0].comment", equalTo("edit 5"))
                .body("revisions[0].revSha1", equalTo(ContentHash.sha1Hex("five")))
                .body("revisions[0].revLen", equalTo(4))
                .body("revisions[0].title", equalTo("Title 5"))
                .body("revisions[0].archivedAt", startsWith("20"))
                .body("revisions[0].text", nullValue());

        assertEquals(List.of(3, 1, 2, 4, 5), seqs(key, "asc", 500));
        assertEquals(List.of(5, 4, 2, 1, 3), seqs(key, null, 50));
        assertEquals(List.of(3, 1, 2, 4, 5), seqs(key, "asc", 2));
        assertEquals(List.of(5, 4, 2, 1, 3), seqs(key, "desc", 2));
        assertEquals(List.of(5, 4, 2, 1, 3), seqs(key, "desc", 1));

        String next = given().queryParam("limit", 2).when().get("/articles/{key}/revisions", key)
                .then().statusCode(200).extract().path("next");
        assertNotNull(next);
        given().queryParam("cursor", next).queryParam("order", "asc")
                .when().get("/articles/{key}/revisions", key)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("type", endsWith("/problems/invalid-cursor"));
    }

    @Test
    void badHistoryParametersAreProblems() {
        String key = uniqueArticleKey("history-params");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "x"));
        for (String limit : List.of("0", "501", "many")) {
            given().queryParam("limit", limit).when().get("/articles/{key}/revisions", key)
                    .then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", endsWith("/problems/invalid-parameter"))
                    .body("instance", equalTo("/articles/" + key + "/revisions"));
        }
        given().queryParam("order", "sideways").when().get("/articles/{key}/revisions", key)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("type", endsWith("/problems/invalid-parameter"));
        given().queryParam("cursor", "garbage!").when().get("/articles/{key}/revisions", key)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("type", endsWith("/problems/invalid-cursor"));
        given().when().get("/articles/{key}/revisions", uniqueArticleKey("nobody"))
                .then().statusCode(404).contentType(PROBLEM_JSON).body("type", endsWith("/problems/article-not-found"));
    }

    @Test
    void aRevisionIsServedExactlyAsJsonOrPlainText() {
        String key = uniqueArticleKey("exact");
        String text = "佳士工人声援团\n第二行：“引号” and ASCII\r\nlast line with a trailing newline\n";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        archive(key, revision(key, 1, "2018-08-27T12:00:00Z", "first"),
                revision(key, 2, "2018-08-28T12:00:00Z", text));

        String jsonTag = given().when().get("/articles/{key}/revisions/{n}", key, "2")
                .then().statusCode(200).contentType("application/json")
                .body("articleKey", equalTo(key))
                .body("revSeq", equalTo(2))
                .body("text", equalTo(text))
                .body("revSha1", equalTo(ContentHash.sha1Hex(utf8)))
                .body("revLen", equalTo(utf8.length))
                .body("revTimestamp", equalTo("2018-08-28T12:00:00Z"))
                .body("author.userText", equalTo("Editor 2"))
                .header("Cache-Control", containsString("no-cache"))
                .extract().header("ETag");
        assertEquals("\"" + ContentHash.sha1Hex(utf8) + "-2-json\"", jsonTag);

        given().accept("*/*").when().get("/articles/{key}/revisions/{n}", key, "2")
                .then().statusCode(200).contentType("application/json").header("ETag", jsonTag);

        Response plain = given().accept("text/plain").when().get("/articles/{key}/revisions/{n}", key, "2")
                .then().statusCode(200).extract().response();
        assertEquals("text/plain;charset=UTF-8", plain.contentType().replace(" ", ""));
        byte[] received = plain.asByteArray();
        assertArrayEquals(utf8, received);
        assertEquals(ContentHash.sha1Hex(utf8), ContentHash.sha1Hex(received));
        assertEquals("public, max-age=31536000, immutable", plain.header("Cache-Control"));
        String textTag = plain.header("ETag");
        assertEquals("\"" + ContentHash.sha1Hex(utf8) + "-2\"", textTag);
        assertFalse(textTag.startsWith("W/"), "strong validator");
        assertNotEquals(jsonTag, textTag);

        given().accept("text/plain").header("If-None-Match", textTag)
                .when().get("/articles/{key}/revisions/{n}", key, "2")
                .then().statusCode(304);
        given().accept("image/png").when().get("/articles/{key}/revisions/{n}", key, "2")
                .then().statusCode(406).contentType(PROBLEM_JSON);
    }

    @Test
    void unknownOrMalformedRevisionNumbersAreProblems() {
        String key = uniqueArticleKey("numbers");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "x"));
        given().when().get("/articles/{key}/revisions/{n}", key, "2")
                .then().statusCode(404).contentType(PROBLEM_JSON)
                .body("type", endsWith("/problems/revision-not-found"))
                .body("status", equalTo(404));
        for (String bad : List.of("one", "0", "-1", "1.0", "99999999999")) {
            given().when().get("/articles/{key}/revisions/{n}", key, bad)
                    .then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", endsWith("/problems/invalid-parameter"));
        }
        given().accept("text/plain").when().get("/articles/{key}/revisions/{n}", uniqueArticleKey("nobody"), "1")
                .then().statusCode(404).contentType(PROBLEM_JSON).body("type", endsWith("/problems/revision-not-found"));
    }

    @Test
    void asOfAnswersTheLatestRevisionAtOrBeforeT() {
        String key = uniqueArticleKey("as-of");
        String second = "第二版\n";
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "first\n"),
                revision(key, 2, "2019-06-01T00:00:00Z", second));

        given().queryParam("t", "2019-03-01T00:00:00Z").when().get("/articles/{key}/as-of", key)
                .then().statusCode(200).contentType("application/json")
                .body("revSeq", equalTo(1)).body("text", equalTo("first\n"))
                .header("Content-Location", endsWith("/articles/" + key + "/revisions/1"));
        given().queryParam("t", "2019-01-01T00:00:00Z").when().get("/articles/{key}/as-of", key)
                .then().statusCode(200).body("revSeq", equalTo(1));
        given().queryParam("t", "2019-06-01T02:00:00+02:00").when().get("/articles/{key}/as-of", key)
                .then().statusCode(200).body("revSeq", equalTo(2));
        byte[] body = given().accept("text/plain").queryParam("t", "2030-01-01T00:00:00Z")
                .when().get("/articles/{key}/as-of", key)
                .then().statusCode(200).contentType(startsWith("text/plain")).extract().asByteArray();
        assertEquals(ContentHash.sha1Hex(second), ContentHash.sha1Hex(body));

        given().queryParam("t", "2018-12-31T23:59:59.999999Z").when().get("/articles/{key}/as-of", key)
                .then().statusCode(404).contentType(PROBLEM_JSON)
                .body("type", endsWith("/problems/no-revision-at-time"))
                .body("detail", containsString("2019-01-01T00:00:00Z"));
        given().queryParam("t", "2019-03-01T00:00:00Z").when().get("/articles/{key}/as-of", uniqueArticleKey("nobody"))
                .then().statusCode(404).contentType(PROBLEM_JSON).body("type", endsWith("/problems/article-not-found"));
        for (String bad : List.of("2019-13-01T00:00:00Z", "yesterday", "2019-03-01")) {
            given().queryParam("t", bad).when().get("/articles/{key}/as-of", key)
                    .then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", endsWith("/problems/invalid-timestamp"));
        }
        given().when().get("/articles/{key}/as-of", key)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("type", endsWith("/problems/invalid-timestamp"));
    }

    @Test
    void aTextHiddenAtTheSourceIsGoneButItsRevisionIsThere() {
        String key = uniqueArticleKey("hidden");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "visible\n"),
                ArchiveLog.hidden(key, 2, "2019-02-01T00:00:00Z"));
        given().when().get("/articles/{key}/revisions/{n}", key, "2").then().statusCode(200)
                .body("revSeq", equalTo(2))
                .body("text", equalTo(null))
                .body("revSha1", equalTo(null))
                .body("hidden", equalTo(List.of("text", "comment")))
                .body("author.userText", equalTo("Editor 2"))
                .body("source.database", equalTo("simplewiki"))
                .body("source.pageId", equalTo(45046))
                .body("source.pageNamespace", equalTo(2))
                .body("source.revMinorEdit", equalTo(true));
        given().when().get("/articles/{key}/revisions/{n}", key, "1").then().statusCode(200)
                .body("source", equalTo(null));
        given().accept("text/plain").when().get("/articles/{key}/revisions/{n}", key, "2").then().statusCode(410)
                .contentType(PROBLEM_JSON).body("type", endsWith("/problems/text-hidden"));
        given().accept("text/plain").queryParam("t", "2019-03-01T00:00:00Z").when().get("/articles/{key}/as-of", key)
                .then().statusCode(410).contentType(PROBLEM_JSON);
        given().accept("text/plain").queryParam("t", "2019-01-15T00:00:00Z").when().get("/articles/{key}/as-of", key)
                .then().statusCode(200).body(equalTo("visible\n"));
        given().queryParam("order", "asc").when().get("/articles/{key}/revisions", key).then().statusCode(200)
                .body("revisions[0].hidden", equalTo(null))
                .body("revisions[1].hidden", equalTo(List.of("text", "comment")));
    }

    @Test
    void otherContentSlotsAreListedAndServedExactly() {
        String key = uniqueArticleKey("slots");
        RevisionArchived plain = revision(key, 1, "2019-01-01T00:00:00Z", "File description\n");
        String mediainfo = "{\"labels\":{\"zh\":{\"value\":\"佳士\"}}}";
        RevisionArchived multi = new RevisionArchived(plain.schema(), plain.meta(), plain.submissionId(), key, 1,
                new Provenance(plain.provenance().pageTitle(), plain.provenance().revTimestamp(),
                        plain.provenance().revId(), null, plain.provenance().performer(), plain.provenance().comment()),
                plain.mainText(), plain.archivedAt(), null, null,
                new dev.palimpsest.events.MediaWikiSource("commonswiki", 42, 6, false, "wikitext", "text/x-wiki", "",
                        "import-9"),
                List.of(ContentSlot.of("mediainfo", "wikibase-mediainfo", "application/json", mediainfo, false),
                        ContentSlot.of("secret", null, null, null, true)));
        archive(key, multi);

        given().when().get("/articles/{key}/revisions/{n}/slots", key, "1").then().statusCode(200)
                .body("role", equalTo(List.of("main", "mediainfo", "secret")))
                .body("[0].model", equalTo("wikitext"))
                .body("[0].sha1", equalTo(plain.mainText().sha1()))
                .body("[1].format", equalTo("application/json"))
                .body("[1].sha1", equalTo(ContentHash.sha1Hex(mediainfo)))
                .body("[1].len", equalTo((int) ContentHash.utf8Length(mediainfo)))
                .body("[2].hidden", equalTo(true));
        byte[] served = given().when().get("/articles/{key}/revisions/{n}/slots/{role}", key, "1", "mediainfo")
                .then().statusCode(200).contentType("text/plain").extract().asByteArray();
        assertArrayEquals(mediainfo.getBytes(StandardCharsets.UTF_8), served);
        given().when().get("/articles/{key}/revisions/{n}/slots/{role}", key, "1", "main")
                .then().statusCode(200).body(equalTo("File description\n"));
        given().when().get("/articles/{key}/revisions/{n}/slots/{role}", key, "1", "secret")
                .then().statusCode(410).contentType(PROBLEM_JSON).body("type", endsWith("/problems/text-hidden"));
        given().when().get("/articles/{key}/revisions/{n}/slots/{role}", key, "1", "nonesuch")
                .then().statusCode(404).contentType(PROBLEM_JSON).body("type", endsWith("/problems/slot-not-found"));
        given().when().get("/articles/{key}/revisions/{n}/slots", key, "2")
                .then().statusCode(404).contentType(PROBLEM_JSON).body("type", endsWith("/problems/revision-not-found"));
    }

    @Test
    void twoRevisionsAreDiffedAsOperationsOrUnifiedByNumberOrByTime() {
        String key = uniqueArticleKey("diff");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "佳士\ntwo\nthree\n"),
                revision(key, 2, "2019-02-01T00:00:00Z", "佳士\n2\nthree\nfour\n"),
                ArchiveLog.hidden(key, 3, "2019-03-01T00:00:00Z"));
        given().queryParam("from", "1").queryParam("to", "@2019-02-15T00:00:00Z")
                .when().get("/articles/{key}/diff", key).then().statusCode(200)
                .body("fromRevSeq", equalTo(1)).body("toRevSeq", equalTo(2)).body("granularity", equalTo("line"))
                .body("operations.op", equalTo(List.of("equal", "delete", "insert", "equal", "insert")))
                .body("operations[2].text", equalTo("2\n"))
                .body("operations[2].toStart", equalTo(1))
                .body("stats.addedTokens", equalTo(2)).body("stats.removedTokens", equalTo(1))
                .body("stats.addedLines", equalTo(2)).body("stats.removedLines", equalTo(1))
                .body("stats.addedWords", equalTo(2)).body("stats.removedWords", equalTo(1));
        given().queryParam("from", "1").queryParam("to", "2").queryParam("format", "unified")
                .when().get("/articles/{key}/diff", key).then().statusCode(200).contentType(containsString("text/x-diff"))
                .body(containsString("-two\n+2\n"));
        given().queryParam("from", "2").queryParam("to", "3")
                .when().get("/articles/{key}/diff", key).then().statusCode(410).contentType(PROBLEM_JSON);
        given().queryParam("to", "2").when().get("/articles/{key}/diff", key)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("type", endsWith("/problems/invalid-parameter"));
        given().queryParam("from", "1").queryParam("to", "2").queryParam("granularity", "sentence")
                .when().get("/articles/{key}/diff", key).then().statusCode(400).contentType(PROBLEM_JSON);
        given().queryParam("from", "1").queryParam("to", "9").when().get("/articles/{key}/diff", key)
                .then().statusCode(404).body("type", endsWith("/problems/revision-not-found"));
    }

    @Test
    void aWordDiffCutsChineseIntoCharactersAndCountsWordsAndLines() {
        String key = uniqueArticleKey("diff-word");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "佳士工人声援团 was formed in 2018.\nSecond line.\n"),
                revision(key, 2, "2019-02-01T00:00:00Z", "佳士工人联盟 was founded in 2018.\nSecond line.\n"));
        given().queryParam("from", "1").queryParam("to", "2").queryParam("granularity", "word")
                .when().get("/articles/{key}/diff", key).then().statusCode(200).contentType("application/json")
                .body("granularity", equalTo("word"))
                .body("operations.op", equalTo(List.of("equal", "delete", "insert", "equal", "delete", "insert",
                        "equal")))
                .body("operations.text", equalTo(List.of("佳士工人", "声援团", "联盟", " was ", "formed", "founded",
                        " in 2018.\nSecond line.\n")))
                .body("operations[1].fromStart", equalTo(4)).body("operations[1].fromEnd", equalTo(7))
                .body("operations[2].toStart", equalTo(4)).body("operations[2].toEnd", equalTo(6))
                .body("stats.addedTokens", equalTo(3)).body("stats.removedTokens", equalTo(4))
                .body("stats.addedWords", equalTo(3)).body("stats.removedWords", equalTo(4))
                .body("stats.addedLines", equalTo(1)).body("stats.removedLines", equalTo(1));
        given().queryParam("from", "1").queryParam("to", "2").queryParam("granularity", "char")
                .when().get("/articles/{key}/diff", key).then().statusCode(200)
                .body("granularity", equalTo("char"))
                .body("stats.addedWords", equalTo(3)).body("stats.removedWords", equalTo(4));
    }

    @Test
    void anHtmlDiffIsAStandaloneEscapedSideBySidePage() {
        String key = uniqueArticleKey("diff-html");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "<script>alert('x')</script> & co\nkept\n"),
                revision(key, 2, "2019-02-01T00:00:00Z", "<script>alert('y')</script> & co\nkept\n"));
        Response page = given().queryParam("from", "1").queryParam("to", "2").queryParam("granularity", "char")
                .queryParam("format", "html").when().get("/articles/{key}/diff", key)
                .then().statusCode(200).extract().response();
        assertEquals("text/html;charset=UTF-8", page.contentType().replace(" ", ""));
        String html = page.asString();
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<td class=\"old\">&lt;script&gt;alert(&#39;<del class=\"diff-del\">x</del>&#39;)"
                + "&lt;/script&gt; &amp; co</td>"), html);
        assertTrue(html.contains("<ins class=\"diff-ins\">y</ins>"));
        assertTrue(html.contains("<style>"));
    }

    @Test
    void aRevisionIsDiffedAgainstItsParentInEditOrder() {
        String key = uniqueArticleKey("diff-parent");
        // #3 is a backfill edited before #1; #4 has the same edit time as #2 and a larger source id
        archive(key,
                revision(key, 1, "2019-01-02T00:00:00Z", "b\n"),
                revision(key, 2, "2019-01-03T00:00:00Z", "c\n"),
                revision(key, 3, "2019-01-01T00:00:00Z", "a\n"),
                revision(key, 4, "2019-01-03T00:00:00Z", "d\n"),
                ArchiveLog.hidden(key, 5, "2019-01-05T00:00:00Z"),
                revision(key, 6, "2019-01-06T00:00:00Z", "f\n"));
        Map<String, Integer> parents = Map.of("1", 3, "2", 1, "4", 2);
        parents.forEach((child, parent) -> given().when().get("/articles/{key}/revisions/{n}/diff", key, child)
                .then().statusCode(200).contentType("application/json")
                .body("fromRevSeq", equalTo(parent)).body("toRevSeq", equalTo(Integer.valueOf(child)))
                .body("operations.op", equalTo(List.of("delete", "insert"))));
        given().queryParam("granularity", "word").when().get("/articles/{key}/revisions/{n}/diff", key, "3")
                .then().statusCode(200)
                .body("fromRevSeq", nullValue()).body("toRevSeq", equalTo(3)).body("granularity", equalTo("word"))
                .body("operations.op", equalTo(List.of("insert"))).body("operations[0].text", equalTo("a\n"))
                .body("stats.addedLines", equalTo(1)).body("stats.removedLines", equalTo(0));
        given().queryParam("format", "unified").when().get("/articles/{key}/revisions/{n}/diff", key, "3")
                .then().statusCode(200).contentType(containsString("text/x-diff"))
                .body(equalTo("--- /dev/null\n+++ " + key + "@3\n@@ -0,0 +1 @@\n+a\n"));
        given().queryParam("format", "unified").when().get("/articles/{key}/revisions/{n}/diff", key, "1")
                .then().statusCode(200).body(equalTo("--- " + key + "@3\n+++ " + key + "@1\n@@ -1 +1 @@\n-a\n+b\n"));
        given().queryParam("format", "html").when().get("/articles/{key}/revisions/{n}/diff", key, "2")
                .then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("<del class=\"diff-del\">b</del>"));

        given().when().get("/articles/{key}/revisions/{n}/diff", key, "5")
                .then().statusCode(410).contentType(PROBLEM_JSON).body("type", endsWith("/problems/text-hidden"));
        given().when().get("/articles/{key}/revisions/{n}/diff", key, "6")
                .then().statusCode(410).contentType(PROBLEM_JSON).body("detail", containsString("revision 5"));
    }

    @Test
    void badDiffParametersAreProblems() {
        String key = uniqueArticleKey("diff-params");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "x\n"), revision(key, 2, "2019-01-02T00:00:00Z", "y\n"));
        List<Map<String, String>> bad = List.of(Map.of("granularity", "sentence"), Map.of("granularity", "WORD"),
                Map.of("format", "pdf"), Map.of("context", "-1"), Map.of("context", "many"),
                Map.of("context", "1000001"));
        for (Map<String, String> params : bad) {
            given().queryParams(params).queryParam("from", "1").queryParam("to", "2")
                    .when().get("/articles/{key}/diff", key).then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", endsWith("/problems/invalid-parameter"))
                    .body("detail", containsString(params.keySet().iterator().next()));
            given().queryParams(params).when().get("/articles/{key}/revisions/{n}/diff", key, "2")
                    .then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", endsWith("/problems/invalid-parameter"));
        }
        given().queryParam("from", "1").queryParam("to", "@yesterday").when().get("/articles/{key}/diff", key)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("type", endsWith("/problems/invalid-timestamp"));
        given().when().get("/articles/{key}/revisions/{n}/diff", key, "3")
                .then().statusCode(404).contentType(PROBLEM_JSON).body("type", endsWith("/problems/revision-not-found"));
        given().when().get("/articles/{key}/revisions/{n}/diff", key, "zero")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("type", endsWith("/problems/invalid-parameter"));
        given().when().get("/articles/{key}/revisions/{n}/diff", uniqueArticleKey("nobody"), "1")
                .then().statusCode(404).contentType(PROBLEM_JSON).body("type", endsWith("/problems/revision-not-found"));
        given().queryParam("from", "@2029-01-01T00:00:00Z").queryParam("to", "@2030-01-01T00:00:00Z")
                .when().get("/articles/{key}/diff", uniqueArticleKey("nobody"))
                .then().statusCode(404).contentType(PROBLEM_JSON).body("type", endsWith("/problems/article-not-found"));
    }

    @Test
    void aRenamedArticleIsFoundByItsCurrentAndItsFormerTitles() {
        String key = uniqueArticleKey("renamed");
        RevisionArchived before = revision(key, 1, "2019-01-01T00:00:00Z", "x\n");
        RevisionArchived after = revision(key, 2, "2019-02-01T00:00:00Z", "x\n");
        String oldTitle = "Old name " + key;
        String newTitle = "AC/DC & new name " + key;
        archive(key, retitled(before, oldTitle), retitled(after, newTitle));

        given().redirects().follow(false).queryParam("title", oldTitle).when().get("/titles")
                .then().statusCode(303).header("Location", endsWith("/articles/" + key))
                .body("articleKey", equalTo(key)).body("current", equalTo(false))
                .body("currentTitle", equalTo(newTitle));
        given().redirects().follow(false).queryParam("title", newTitle).when().get("/titles")
                .then().statusCode(303).body("current", equalTo(true));
        given().queryParam("title", "Never such a title " + key).when().get("/titles")
                .then().statusCode(404).contentType(PROBLEM_JSON).body("type", endsWith("/problems/title-not-found"));
        given().when().get("/titles").then().statusCode(400).contentType(PROBLEM_JSON);
        given().when().get("/articles/{key}", key).then().statusCode(200)
                .body("title", equalTo(newTitle)).body("revisionCount", equalTo(2));
    }

    private static RevisionArchived retitled(RevisionArchived r, String title) {
        return new RevisionArchived(r.schema(), r.meta(), r.submissionId(), r.articleKey(), r.revSeq(),
                new Provenance(title, r.provenance().revTimestamp(), r.provenance().revId(),
                        r.provenance().revParentId(), r.provenance().performer(), r.provenance().comment()),
                r.mainText(), r.archivedAt());
    }

    /** The history's seqs and revertOf marks, oldest first. */
    private static void assertReverts(String articleKey, List<Integer> seqs, List<Integer> revertOf) {
        given().queryParam("order", "asc").when().get("/articles/{key}/revisions", articleKey).then().statusCode(200)
                .body("revisions.revSeq", equalTo(seqs))
                .body("revisions.revertOf", equalTo(revertOf));
    }

    private static void assertRevert(String articleKey, int revSeq, Integer restored, List<Integer> reverted) {
        var response = given().when().get("/articles/{key}/revisions/{n}", articleKey, revSeq).then().statusCode(200);
        if (restored == null) {
            response.body("revert", nullValue());
        } else {
            response.body("revert.restoredRevSeq", equalTo(restored)).body("revert.revertedRevSeqs", equalTo(reverted));
        }
    }

    @Test
    void revertsAreShownWithTheRevisionsTheyUndo() {
        String key = uniqueArticleKey("revert");
        // the archive's own mark on #3 (as archive-service made them on arrival) is wrong and ignored: C is not A
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "A\n"),
                revision(key, 2, "2019-02-01T00:00:00Z", "B\n"),
                ArchiveLog.reverting(revision(key, 3, "2019-03-01T00:00:00Z", "C\n"), 1),
                revision(key, 4, "2019-04-01T00:00:00Z", "A\n"));
        assertRevert(key, 4, 1, List.of(2, 3));
        assertRevert(key, 2, null, null);
        assertRevert(key, 3, null, null);
        assertReverts(key, List.of(1, 2, 3, 4), Arrays.asList(null, null, null, 1));
        given().queryParam("t", "2019-05-01T00:00:00Z").when().get("/articles/{key}/as-of", key).then()
                .statusCode(200).body("revSeq", equalTo(4))
                .body("revert.restoredRevSeq", equalTo(1)).body("revert.revertedRevSeqs", equalTo(List.of(2, 3)));
    }

    @Test
    void revisionsArrivingOutOfEditOrderAreMarkedInEditOrder() {
        String key = uniqueArticleKey("revert-order");
        // arrival (seq) order is not edit order; #6 and #4 share an edit time, and #6 has the lower source id
        archive(key, revision(key, 1, "2019-03-01T00:00:00Z", "A\n"),
                revision(key, 2, "2019-01-01T00:00:00Z", "A\n"),
                revision(key, 3, "2019-02-01T00:00:00Z", "B\n"),
                revision(key, 4, "2019-05-01T00:00:00Z", "B\n"),
                revision(key, 5, "2019-04-01T00:00:00Z", "C\n"),
                withRevId(revision(key, 6, "2019-05-01T00:00:00Z", "A\n"), 900L));
        // edit order: #2 A, #3 B, #1 A, #5 C, #6 A, #4 B
        assertReverts(key, List.of(2, 3, 1, 5, 6, 4), Arrays.asList(null, null, 2, null, 1, 3));
        assertRevert(key, 2, null, null);
        assertRevert(key, 1, 2, List.of(3));
        assertRevert(key, 6, 1, List.of(5));
        // not a range of sequence numbers: what lies between #3 and #4 in edit order
        assertRevert(key, 4, 3, List.of(1, 5, 6));
        List<Integer> descending = new ArrayList<>();
        String cursor = null;
        do { // a page at a time, the other way: the same marks
            var page = given().queryParam("limit", 2).queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .when().get("/articles/{key}/revisions", key).then().statusCode(200).extract();
            descending.addAll(page.path("revisions.revertOf"));
            cursor = page.path("next");
        } while (cursor != null);
        assertEquals(Arrays.asList(3, 1, null, 2, null, null), descending);
    }

    @Test
    void aBackfillBetweenARevisionAndItsRestoredTwinChangesTheHistory() {
        String key = uniqueArticleKey("revert-backfill");
        Instant firstArchived = Instant.parse("2026-01-01T00:00:00Z");
        Instant backfillArchived = Instant.parse("2026-02-01T00:00:00Z");
        Instant secondBackfillArchived = Instant.parse("2026-03-01T00:00:00Z");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "A\n", firstArchived),
                revision(key, 2, "2019-03-01T00:00:00Z", "A\n", firstArchived));
        assertReverts(key, List.of(1, 2), Arrays.asList(null, null)); // a null edit
        String tagBefore = given().when().get("/articles/{key}/revisions/{n}", key, 2).then().statusCode(200)
                .header("Cache-Control", containsString("no-cache")).extract().header("ETag");

        // an older edit with another text arrives later, between the two: #2 now undoes it
        log.publish(revision(key, 3, "2019-02-01T00:00:00Z", "B\n", backfillArchived));
        awaitRevisionCount(key, 3);
        assertReverts(key, List.of(1, 3, 2), Arrays.asList(null, null, 1));
        assertRevert(key, 2, 1, List.of(3));
        // a cached JSON form is stale now: its validator no longer matches
        String tagAfter = given().header("If-None-Match", tagBefore).when()
                .get("/articles/{key}/revisions/{n}", key, 2).then().statusCode(200).extract().header("ETag");
        assertNotEquals(tagBefore, tagAfter);
        // as the archive knew it before the backfill: no revert yet
        given().queryParam("t", "2019-12-31T00:00:00Z").queryParam("knownAt", "2026-01-15T00:00:00Z")
                .when().get("/articles/{key}/as-of", key).then().statusCode(200)
                .body("revSeq", equalTo(2)).body("revert", nullValue());
        given().queryParam("t", "2019-12-31T00:00:00Z").when().get("/articles/{key}/as-of", key).then()
                .statusCode(200).body("revSeq", equalTo(2)).body("revert.restoredRevSeq", equalTo(1));

        // another backfill, A again just before #2: #4 is the revert now, and #2 merely repeats it
        log.publish(revision(key, 4, "2019-02-15T00:00:00Z", "A\n", secondBackfillArchived));
        awaitRevisionCount(key, 4);
        assertReverts(key, List.of(1, 3, 4, 2), Arrays.asList(null, null, 1, null));
        assertRevert(key, 4, 1, List.of(3));
        assertRevert(key, 2, null, null);
        given().queryParam("t", "2019-12-31T00:00:00Z").queryParam("knownAt", "2026-02-15T00:00:00Z")
                .when().get("/articles/{key}/as-of", key).then().statusCode(200)
                .body("revSeq", equalTo(2)).body("revert.restoredRevSeq", equalTo(1))
                .body("revert.revertedRevSeqs", equalTo(List.of(3)));
    }

    @Test
    void aNullEditIsNoRevertButIsUndoneByOne() {
        String key = uniqueArticleKey("null-edit");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "A\n"),
                revision(key, 2, "2019-02-01T00:00:00Z", "B\n"),
                revision(key, 3, "2019-03-01T00:00:00Z", "B\n"),
                revision(key, 4, "2019-04-01T00:00:00Z", "A\n"));
        assertReverts(key, List.of(1, 2, 3, 4), Arrays.asList(null, null, null, 1));
        assertRevert(key, 3, null, null);
        assertRevert(key, 4, 1, List.of(2, 3));
    }

    @Test
    void aHiddenRevisionBetweenTwoEqualTextsIsReverted() {
        String key = uniqueArticleKey("hidden-revert");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "A\n"),
                ArchiveLog.hidden(key, 2, "2019-02-01T00:00:00Z"),
                revision(key, 3, "2019-03-01T00:00:00Z", "A\n"),
                ArchiveLog.hidden(key, 4, "2019-04-01T00:00:00Z"),
                ArchiveLog.hidden(key, 5, "2019-05-01T00:00:00Z"));
        // hidden texts are nobody's equal: #5 does not restore #4 or #2
        assertReverts(key, List.of(1, 2, 3, 4, 5), Arrays.asList(null, null, 1, null, null));
        assertRevert(key, 3, 1, List.of(2));
        assertRevert(key, 5, null, null);
    }

    @Test
    void knownAtAnswersWhatTheArchiveBelievedBeforeABackfill() {
        String key = uniqueArticleKey("known-at");
        Instant firstArchived = Instant.parse("2026-01-01T00:00:00Z");
        Instant backfillArchived = Instant.parse("2026-02-01T00:00:00Z");
        // revision 2 is older as an edit but was archived a month later: a backfill
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "original\n", firstArchived),
                revision(key, 2, "2019-06-01T00:00:00Z", "backfilled\n", backfillArchived));

        given().queryParam("t", "2019-12-31T00:00:00Z").when().get("/articles/{key}/as-of", key)
                .then().statusCode(200).body("revSeq", equalTo(2));
        given().queryParam("t", "2019-12-31T00:00:00Z").queryParam("knownAt", "2026-01-15T00:00:00Z")
                .when().get("/articles/{key}/as-of", key)
                .then().statusCode(200).body("revSeq", equalTo(1)).body("text", equalTo("original\n"));
        given().queryParam("t", "2019-12-31T00:00:00Z").queryParam("knownAt", backfillArchived.toString())
                .when().get("/articles/{key}/as-of", key)
                .then().statusCode(200).body("revSeq", equalTo(2));
        given().queryParam("t", "2019-12-31T00:00:00Z").queryParam("knownAt", "2025-12-31T00:00:00Z")
                .when().get("/articles/{key}/as-of", key)
                .then().statusCode(404).contentType(PROBLEM_JSON)
                .body("type", endsWith("/problems/no-revision-at-time"));
        given().queryParam("t", "2019-12-31T00:00:00Z").queryParam("knownAt", "last week")
                .when().get("/articles/{key}/as-of", key)
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", endsWith("/problems/invalid-timestamp"));
    }

    @Test
    void asOfBreaksTiesByTheHigherSequenceNumber() {
        String key = uniqueArticleKey("tie");
        archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "a"), revision(key, 2, "2019-01-01T00:00:00Z", "b"));
        given().queryParam("t", "2019-01-01T00:00:00Z").when().get("/articles/{key}/as-of", key)
                .then().statusCode(200).body("revSeq", equalTo(2));
    }

    @Test
    void equalEditTimesAreOrderedBySourceRevisionIdNotByArrival() {
        String key = uniqueArticleKey("tie-by-id");
        RevisionArchived arrivedFirst = revision(key, 1, "2019-01-01T00:00:00Z", "higher id\n");
        RevisionArchived arrivedLater = revision(key, 2, "2019-01-01T00:00:00Z", "lower id\n");
        // a backfill: the revision that arrived later is the older edit by source id
        archive(key, withRevId(arrivedFirst, 2000L), withRevId(arrivedLater, 1500L),
                revision(key, 3, "2019-02-01T00:00:00Z", "later\n"));
        given().queryParam("t", "2019-01-01T00:00:00Z").when().get("/articles/{key}/as-of", key)
                .then().statusCode(200).body("revSeq", equalTo(1)).body("revId", equalTo(2000));
        given().queryParam("order", "asc").when().get("/articles/{key}/revisions", key).then().statusCode(200)
                .body("revisions.revSeq", equalTo(List.of(2, 1, 3)));
        // paging walks the same order, one revision at a time, both ways
        List<Integer> ascending = new java.util.ArrayList<>();
        List<Integer> descending = new java.util.ArrayList<>();
        for (var entry : List.of(java.util.Map.entry("asc", ascending), java.util.Map.entry("desc", descending))) {
            String cursor = null;
            do {
                var page = given().queryParam("order", entry.getKey()).queryParam("limit", 1)
                        .queryParams(cursor == null ? java.util.Map.of() : java.util.Map.of("cursor", cursor))
                        .when().get("/articles/{key}/revisions", key).then().statusCode(200).extract();
                entry.getValue().addAll(page.path("revisions.revSeq"));
                cursor = page.path("next");
            } while (cursor != null);
        }
        assertEquals(List.of(2, 1, 3), ascending);
        assertEquals(List.of(3, 1, 2), descending);
    }

    @Test
    void theArticlesLatestRevisionBreaksEqualEditTimesBySourceRevisionId() {
        String key = uniqueArticleKey("latest-by-id");
        // the later edit by source id arrives first; the backfilled one has the same edit time and a lower id
        archive(key, withRevId(revision(key, 1, "2019-05-01T00:00:00Z", "newer\n"), 2000L),
                withRevId(revision(key, 2, "2019-05-01T00:00:00Z", "older\n"), 1500L));
        given().when().get("/articles/{key}", key).then().statusCode(200)
                .body("latestRevSeq", equalTo(1)).body("title", equalTo("Title 1"));
    }

    private static RevisionArchived withRevId(RevisionArchived r, long revId) {
        return new RevisionArchived(r.schema(), r.meta(), r.submissionId(), r.articleKey(), r.revSeq(),
                new Provenance(r.provenance().pageTitle(), r.provenance().revTimestamp(), revId,
                        r.provenance().revParentId(), r.provenance().performer(), r.provenance().comment()),
                r.mainText(), r.archivedAt());
    }

    @Test
    void aSubmissionRedirectsToItsRevisionOnceAnswered() {
        String key = uniqueArticleKey("submission");
        RevisionArchived first = revision(key, 1, "2019-01-01T00:00:00Z", "x");
        archive(key, first);
        given().redirects().follow(false).when()
                .get("/articles/{key}/submissions/{id}", key, first.submissionId())
                .then().statusCode(303).header("Location", endsWith("/articles/" + key + "/revisions/1"));

        SubmissionDeduplicated again = ArchiveLog.deduplicated(key, 1);
        given().redirects().follow(false).when().get("/articles/{key}/submissions/{id}", key, again.submissionId())
                .then().statusCode(404).contentType(PROBLEM_JSON)
                .body("type", endsWith("/problems/submission-not-archived"));
        log.publish(again);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().redirects().follow(false).when()
                .get("/articles/{key}/submissions/{id}", key, again.submissionId())
                .then().statusCode(303).header("Location", endsWith("/articles/" + key + "/revisions/1")));

        given().redirects().follow(false).when()
                .get("/articles/{key}/submissions/{id}", uniqueArticleKey("other"), first.submissionId())
                .then().statusCode(404).contentType(PROBLEM_JSON);
        given().when().get("/articles/{key}/submissions/{id}", key, "not-a-uuid")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("type", endsWith("/problems/invalid-parameter"));
    }

    @Test
    void articleSummary() {
        String key = uniqueArticleKey("summary");
        archive(key, revision(key, 1, "2019-01-02T00:00:00Z", "a"), revision(key, 2, "2019-01-03T00:00:00Z", "b"),
                revision(key, 3, "2019-01-01T00:00:00Z", "backfilled"));
        given().when().get("/articles/{key}", key).then().statusCode(200)
                .body("articleKey", equalTo(key))
                .body("title", equalTo("Title 2"))
                .body("revisionCount", equalTo(3))
                .body("firstRevTimestamp", equalTo("2019-01-01T00:00:00Z"))
                .body("lastRevTimestamp", equalTo("2019-01-03T00:00:00Z"))
                .body("latestRevSeq", equalTo(2));
        given().when().get("/articles/{key}", uniqueArticleKey("nobody"))
                .then().statusCode(404).contentType(PROBLEM_JSON).body("type", endsWith("/problems/article-not-found"));
    }

    @Test
    void unknownRouteIsAProblem() {
        given().when().get("/no/such/thing").then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void readinessCoversKafkaAndTheDatabase() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Kafka"))
                .body(containsString("Database connections health check"));
    }

    @Test
    void openApiNamesEveryOperation() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/articles/{key}'.get.operationId", equalTo("getArticle"))
                .body("paths.'/articles/{key}/revisions'.get.operationId", equalTo("listRevisions"))
                .body("paths.'/articles/{key}/revisions/{n}'.get.operationId", equalTo("getRevision"))
                .body("paths.'/articles/{key}/as-of'.get.operationId", equalTo("getRevisionAsOf"))
                .body("paths.'/articles/{key}/submissions/{submissionId}'.get.operationId",
                        equalTo("getSubmissionStatus"))
                .body("paths.'/articles/{key}/as-of'.get.responses.'404'.content.'application/problem+json'.schema.'$ref'",
                        endsWith("/Problem"));
    }
}
