package dev.palimpsest.query;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.RevisionRedacted;
import dev.palimpsest.events.Topics;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.palimpsest.query.ArchiveLog.revision;
import static dev.palimpsest.query.ArchiveLog.uniqueArticleKey;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code knownAt} (transaction time) on every read of the query API, over one history whose revisions arrive out of
 * edit order: an older edit backfilled a month later, then a rename, then a second article, then a redaction of the
 * first revision. Each answer as known at an instant is what the archive would have answered then.
 *
 * <pre>
 *   archived   edit time    seq  text  title
 *   T1         2019-01-01    1   A     «uid» Old
 *   T1 + 1h    2019-03-01    2   A     «uid» Old     (a null edit of 1, until 3 arrives)
 *   T2         2019-02-01    3   C     «uid» Old     (backfill: now 2 reverts 3, restoring 1)
 *   T3         2019-04-01    4   D     «uid» New     (the rename)
 *   T3         2019-05-01    1   E     «uid» Another (a second article)
 *   T4         revision 1 redacted
 * </pre>
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "query"))
class KnownAtApiTest extends ArchivedApiTest {

    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant T3 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant T4 = Instant.parse("2026-04-01T00:00:00Z");
    /** Before anything was archived. */
    private static final String K0 = "2025-12-01T00:00:00Z";
    /** After the first two revisions, before the backfill. */
    private static final String K1 = "2026-01-15T00:00:00Z";
    /** After the backfill, before the rename. */
    private static final String K2 = "2026-02-15T00:00:00Z";
    /** Far ahead: everything archived so far. */
    private static final String FUTURE = "9999-01-01T00:00:00Z";

    private static final Pattern LINK = Pattern.compile("<([^>]*)>; rel=\"([^\"]*)\"");

    private static final String UID = UUID.randomUUID().toString().substring(0, 8);
    private static final String OLD = UID + " Old";
    private static final String NEW = UID + " New";
    private static final String ANOTHER = UID + " Another";
    private static String key;
    private static String laterKey;

    /** Archives the history once, for every test of the class. */
    private static synchronized void history() {
        if (key != null) {
            return;
        }
        String a = uniqueArticleKey("known-at");
        String b = uniqueArticleKey("known-at-later");
        archive(a, titled(revision(a, 1, "2019-01-01T00:00:00Z", "A\n", T1), OLD),
                titled(revision(a, 2, "2019-03-01T00:00:00Z", "A\n", T1.plusSeconds(3600)), OLD),
                titled(revision(a, 3, "2019-02-01T00:00:00Z", "C\n", T2), OLD),
                titled(revision(a, 4, "2019-04-01T00:00:00Z", "D\n", T3), NEW));
        archive(b, titled(revision(b, 1, "2019-05-01T00:00:00Z", "E\n", T3), ANOTHER));
        archiveLog().publish(new RevisionRedacted(RevisionRedacted.SCHEMA,
                EventMeta.now(Topics.REVISIONS_ARCHIVED, null), UUID.randomUUID(), a, 1, "personal data",
                Performer.named("Admin"), T4.minusSeconds(60), T4));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().when().get("/articles/{key}/revisions/1", a).then().statusCode(200)
                        .body("redacted", notNullValue()));
        laterKey = b;
        key = a;
    }

    @Test
    void theArticleSummaryIsAsKnownThen() {
        history();
        given().queryParam("knownAt", K1).when().get("/articles/{key}", key).then().statusCode(200)
                .body("title", equalTo(OLD)).body("revisionCount", equalTo(2)).body("latestRevSeq", equalTo(2))
                .body("firstRevTimestamp", equalTo("2019-01-01T00:00:00Z"))
                .body("lastRevTimestamp", equalTo("2019-03-01T00:00:00Z"));
        given().queryParam("knownAt", K2).when().get("/articles/{key}", key).then().statusCode(200)
                .body("title", equalTo(OLD)).body("revisionCount", equalTo(3)).body("latestRevSeq", equalTo(2));
        given().when().get("/articles/{key}", key).then().statusCode(200)
                .body("title", equalTo(NEW)).body("revisionCount", equalTo(4)).body("latestRevSeq", equalTo(4));
        // far ahead is everything archived so far: the same bytes as without knownAt (but for the links)
        assertEquals(given().when().get("/articles/{key}", key).asString(),
                given().queryParam("knownAt", FUTURE).when().get("/articles/{key}", key).asString());
        // its Memento links keep knownAt
        Map<String, String> links = links(given().queryParam("knownAt", K1).when().get("/articles/{key}", key)
                .header("Link"));
        assertEquals("/articles/" + key + "/timegate?knownAt=" + K1, links.get("timegate"));
        assertEquals("/articles/" + key + "/timemap?knownAt=" + K1, links.get("timemap"));
        given().queryParam("knownAt", K0).when().get("/articles/{key}", key).then().statusCode(404)
                .contentType(PROBLEM_JSON).body("type", endsWith("/problems/article-not-found"));
        given().queryParam("knownAt", K2).when().get("/articles/{key}", laterKey).then().statusCode(404)
                .contentType(PROBLEM_JSON).body("type", endsWith("/problems/article-not-found"));
    }

    @Test
    void theHistoryListsWhatWasArchivedThenWithTheRevertsOfThen() {
        history();
        assertHistory(K1, List.of(2, 1), Arrays.asList(null, null), OLD);
        // the backfill makes 2 a revert of 1 (it undoes 3)
        assertHistory(K2, List.of(2, 3, 1), Arrays.asList(1, null, null), OLD);
        assertHistory(null, List.of(4, 2, 3, 1), Arrays.asList(null, 1, null, null), NEW);
        assertEquals(given().when().get("/articles/{key}/revisions", key).asString(),
                given().queryParam("knownAt", FUTURE).when().get("/articles/{key}/revisions", key).asString());
        given().queryParam("knownAt", K0).when().get("/articles/{key}/revisions", key).then().statusCode(404)
                .contentType(PROBLEM_JSON).body("type", endsWith("/problems/article-not-found"));
    }

    @Test
    void aHistoryCursorKeepsItsKnownAt() {
        history();
        List<Integer> seqs = new ArrayList<>();
        String cursor = null;
        String firstCursor = null;
        do {
            var request = given().queryParam("knownAt", K2).queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.when().get("/articles/{key}/revisions", key);
            page.then().statusCode(200);
            seqs.addAll(page.jsonPath().getList("revisions.revSeq", Integer.class));
            cursor = page.jsonPath().getString("next");
            firstCursor = firstCursor == null ? cursor : firstCursor;
        } while (cursor != null);
        assertEquals(List.of(2, 3, 1), seqs);
        assertNotNull(firstCursor);
        // the cursor of a listing as known at K2 continues only that listing
        for (String other : new String[]{K1, null}) {
            var request = given().queryParam("limit", 1).queryParam("cursor", firstCursor);
            if (other != null) {
                request.queryParam("knownAt", other);
            }
            request.when().get("/articles/{key}/revisions", key).then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", endsWith("/problems/invalid-cursor"));
        }
        // and a cursor of the listing as it is now does not continue one as known at K2
        String now = given().queryParam("limit", 1).when().get("/articles/{key}/revisions", key)
                .jsonPath().getString("next");
        given().queryParam("limit", 1).queryParam("knownAt", K2).queryParam("cursor", now)
                .when().get("/articles/{key}/revisions", key).then().statusCode(400)
                .body("type", endsWith("/problems/invalid-cursor"));
    }

    @Test
    void aRevisionArchivedAfterKnownAtIsNotFoundYet() {
        history();
        given().queryParam("knownAt", K1).when().get("/articles/{key}/revisions/{n}", key, 3).then()
                .statusCode(404).contentType(PROBLEM_JSON)
                .body("type", endsWith("/problems/revision-not-yet-archived"))
                .body("detail", equalTo("revision 3 of article '" + key + "' was archived at " + T2
                        + ", after knownAt " + K1));
        given().queryParam("knownAt", K0).when().get("/articles/{key}/revisions/{n}", key, 1).then()
                .statusCode(404).body("type", endsWith("/problems/revision-not-yet-archived"));
        given().queryParam("knownAt", K1).when().get("/articles/{key}/revisions/{n}/slots", key, 3).then()
                .statusCode(404).body("type", endsWith("/problems/revision-not-yet-archived"));
        given().queryParam("knownAt", K1).accept("text/plain").when()
                .get("/articles/{key}/revisions/{n}/slots/main", key, 3).then()
                .statusCode(404).body("type", endsWith("/problems/revision-not-yet-archived"));
        // still no such revision at all
        given().queryParam("knownAt", K2).when().get("/articles/{key}/revisions/{n}", key, 9).then()
                .statusCode(404).body("type", endsWith("/problems/revision-not-found"));
        given().queryParam("knownAt", K2).accept("text/plain").when()
                .get("/articles/{key}/revisions/{n}", key, 3).then().statusCode(200).body(equalTo("C\n"));
    }

    @Test
    void aRevisionShowsTheRevertAndTheNeighboursKnownThen() {
        history();
        Response then = given().queryParam("knownAt", K1).when().get("/articles/{key}/revisions/{n}", key, 2);
        then.then().statusCode(200).body("revSeq", equalTo(2)).body("revert", nullValue())
                .header("Cache-Control", containsString("no-cache"));
        Response now = given().when().get("/articles/{key}/revisions/{n}", key, 2);
        now.then().statusCode(200).body("revert.restoredRevSeq", equalTo(1))
                .body("revert.revertedRevSeqs", equalTo(List.of(3)));
        // two answers, two validators
        assertNotEquals(now.header("ETag"), then.header("ETag"));
        given().queryParam("knownAt", K1).header("If-None-Match", then.header("ETag")).when()
                .get("/articles/{key}/revisions/{n}", key, 2).then().statusCode(304);

        Map<String, String> known = links(then.header("Link"));
        String suffix = "?knownAt=" + K1;
        assertEquals("/articles/" + key + suffix, known.get("original"));
        assertEquals("/articles/" + key + "/revisions/1" + suffix, known.get("first prev memento"));
        assertEquals("/articles/" + key + "/revisions/2" + suffix, known.get("last memento"));
        Map<String, String> current = links(now.header("Link"));
        assertEquals("/articles/" + key + "/revisions/3", current.get("prev memento"));
        assertEquals("/articles/" + key + "/revisions/4", current.get("next last memento"));
    }

    @Test
    void aRedactionMadeAfterKnownAtStillHidesTheText() {
        history();
        // erasure is not undone by going back in time: known at K1 (before the redaction), the text is gone too
        given().queryParam("knownAt", K1).accept("text/plain").when()
                .get("/articles/{key}/revisions/{n}", key, 1).then().statusCode(410).contentType(PROBLEM_JSON)
                .body("type", endsWith("/problems/revision-redacted"));
        given().queryParam("knownAt", K1).when().get("/articles/{key}/revisions/{n}", key, 1).then()
                .statusCode(200).body("text", nullValue()).body("redacted.reason", equalTo("personal data"));
        given().queryParam("t", "2019-01-15T00:00:00Z").queryParam("knownAt", K1).accept("text/plain").when()
                .get("/articles/{key}/as-of", key).then().statusCode(410)
                .body("type", endsWith("/problems/revision-redacted"));
        given().queryParam("knownAt", K1).when().get("/articles/{key}/revisions/{n}/diff", key, 2).then()
                .statusCode(410).body("type", endsWith("/problems/revision-redacted"));
    }

    @Test
    void aDiffComparesTheRevisionsKnownThen() {
        history();
        // the parent of 2 was 1 until the backfill put 3 between them
        given().queryParam("knownAt", K2).when().get("/articles/{key}/revisions/{n}/diff", key, 2).then()
                .statusCode(200).body("fromRevSeq", equalTo(3)).body("toRevSeq", equalTo(2));
        given().queryParam("knownAt", K1).when().get("/articles/{key}/revisions/{n}/diff", key, 4).then()
                .statusCode(404).body("type", endsWith("/problems/revision-not-yet-archived"));
        // by instants: on 2019-04-15 the article said what 2 said, as known at K2 (before the rename); what 4 says now
        given().queryParam("from", "@2019-02-15T00:00:00Z").queryParam("to", "@2019-04-15T00:00:00Z")
                .queryParam("knownAt", K2).when().get("/articles/{key}/diff", key).then().statusCode(200)
                .body("fromRevSeq", equalTo(3)).body("toRevSeq", equalTo(2));
        given().queryParam("from", "@2019-02-15T00:00:00Z").queryParam("to", "@2019-04-15T00:00:00Z")
                .when().get("/articles/{key}/diff", key).then().statusCode(200)
                .body("fromRevSeq", equalTo(3)).body("toRevSeq", equalTo(4));
        given().queryParam("from", "3").queryParam("to", "2").queryParam("knownAt", K1).when()
                .get("/articles/{key}/diff", key).then().statusCode(404)
                .body("type", endsWith("/problems/revision-not-yet-archived"));
        given().queryParam("from", "@2019-06-01T00:00:00Z").queryParam("to", "2").queryParam("knownAt", K0).when()
                .get("/articles/{key}/diff", key).then().statusCode(404)
                .body("type", endsWith("/problems/no-revision-at-time"));
        String unified = given().queryParam("from", "3").queryParam("to", "4").queryParam("format", "unified")
                .queryParam("knownAt", FUTURE).when().get("/articles/{key}/diff", key).then().statusCode(200)
                .extract().asString();
        assertEquals(given().queryParam("from", "3").queryParam("to", "4").queryParam("format", "unified").when()
                .get("/articles/{key}/diff", key).asString(), unified);
    }

    @Test
    void theTimeMapListsOnlyTheMementosKnownThenAndItsLinksKeepKnownAt() {
        history();
        String suffix = "?knownAt=" + K1;
        String timeMap = given().queryParam("knownAt", K1).when().get("/articles/{key}/timemap", key).then()
                .statusCode(200).extract().asString();
        Map<String, String> links = links(timeMap);
        assertEquals(List.of("original", "self", "timegate", "first memento", "last memento"),
                List.copyOf(links.keySet()));
        assertEquals("/articles/" + key + suffix, links.get("original"));
        assertEquals("/articles/" + key + "/timegate" + suffix, links.get("timegate"));
        assertEquals("/articles/" + key + "/revisions/1" + suffix, links.get("first memento"));
        assertEquals("/articles/" + key + "/revisions/2" + suffix, links.get("last memento"));

        // a page at a time: the next page's link keeps knownAt, and its cursor is for that knownAt only
        String first = given().queryParam("knownAt", K2).queryParam("limit", 2).when()
                .get("/articles/{key}/timemap", key).then().statusCode(200).extract().asString();
        String next = links(first).get("timemap");
        assertTrue(next.startsWith("/articles/" + key + "/timemap?knownAt=" + K2 + "&cursor="), next);
        String second = given().when().get(next).then().statusCode(200).extract().asString();
        assertEquals("/articles/" + key + "/revisions/2?knownAt=" + K2, links(second).get("last memento"));
        String cursor = next.replaceAll(".*cursor=([^&]*).*", "$1");
        given().queryParam("cursor", cursor).queryParam("limit", 2).when().get("/articles/{key}/timemap", key)
                .then().statusCode(400).body("type", endsWith("/problems/invalid-cursor"));
        given().queryParam("knownAt", K0).when().get("/articles/{key}/timemap", key).then().statusCode(404)
                .body("type", endsWith("/problems/article-not-found"));
    }

    @Test
    void theTimeGateNegotiatesAmongTheMementosKnownThen() {
        history();
        String midFebruary = "Fri, 15 Feb 2019 00:00:00 GMT";
        assertEquals("/articles/" + key + "/revisions/1?knownAt=" + K1, timeGate(midFebruary, K1));
        assertEquals("/articles/" + key + "/revisions/3?knownAt=" + K2, timeGate(midFebruary, K2));
        assertEquals("/articles/" + key + "/revisions/3", timeGate(midFebruary, null));
        // without Accept-Datetime: the latest known then
        assertEquals("/articles/" + key + "/revisions/2?knownAt=" + K2, timeGate(null, K2));
        assertEquals("/articles/" + key + "/revisions/4", timeGate(null, null));
        // before the first revision: the first known then
        assertEquals("/articles/" + key + "/revisions/1?knownAt=" + K1, timeGate("Mon, 01 Jan 2018 00:00:00 GMT", K1));
        given().redirects().follow(false).queryParam("knownAt", K0).when().get("/articles/{key}/timegate", key)
                .then().statusCode(404).body("type", endsWith("/problems/article-not-found"));
    }

    @Test
    void theArticleListShowsTheArticlesAndTitlesOfThen() {
        history();
        // as known at K2: one article, under its title of then, found by the prefix of that title
        assertListing(UID, K2, List.of(key), List.of(OLD), List.of(3));
        assertListing(UID + " O", K2, List.of(key), List.of(OLD), List.of(3));
        assertListing(UID, K1, List.of(key), List.of(OLD), List.of(2));
        assertListing(UID, K0, List.of(), List.of(), List.of());
        // now: renamed, and a second article
        assertListing(UID, null, List.of(laterKey, key), List.of(ANOTHER, NEW), List.of(1, 4));
        assertListing(UID + " O", null, List.of(), List.of(), List.of());
        assertEquals(given().queryParam("prefix", UID).when().get("/articles").asString(),
                given().queryParam("prefix", UID).queryParam("knownAt", FUTURE).when().get("/articles").asString());

        // paging as known then: the cursor keeps knownAt
        String next = given().queryParam("prefix", UID).queryParam("limit", 1).queryParam("knownAt", FUTURE)
                .when().get("/articles").then().statusCode(200).body("articles[0].articleKey", equalTo(laterKey))
                .extract().path("next");
        given().queryParam("prefix", UID).queryParam("limit", 1).queryParam("knownAt", FUTURE)
                .queryParam("cursor", next).when().get("/articles").then().statusCode(200)
                .body("articles.articleKey", equalTo(List.of(key))).body("next", nullValue());
        for (String other : new String[]{K2, null}) {
            var request = given().queryParam("prefix", UID).queryParam("limit", 1).queryParam("cursor", next);
            if (other != null) {
                request.queryParam("knownAt", other);
            }
            request.when().get("/articles").then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", endsWith("/problems/invalid-cursor"));
        }
    }

    @Test
    void aTitleLeadsWhereItLedThen() {
        history();
        Response then = lookUp(OLD, K2);
        then.then().statusCode(303)
                .body("articleKey", equalTo(key)).body("currentTitle", equalTo(OLD)).body("current", equalTo(true));
        assertEquals("/articles/" + key + "?knownAt=" + K2, path(then.header("Location")));
        Response now = lookUp(OLD, null);
        now.then().statusCode(303).body("currentTitle", equalTo(NEW)).body("current", equalTo(false));
        assertEquals("/articles/" + key, path(now.header("Location")));
        lookUp(NEW, null).then().statusCode(303).body("current", equalTo(true));
        // the rename was archived after K2: the new title led nowhere then, nor the second article's
        lookUp(NEW, K2).then().statusCode(404).contentType(PROBLEM_JSON)
                .body("type", endsWith("/problems/title-not-found"));
        lookUp(ANOTHER, K2).then().statusCode(404).body("type", endsWith("/problems/title-not-found"));
        lookUp(OLD, K0).then().statusCode(404).body("type", endsWith("/problems/title-not-found"));
    }

    @Test
    void aKnownAtThatIsNoInstantIsRefusedEverywhere() {
        history();
        for (String path : List.of("/articles", "/articles/{key}", "/articles/{key}/revisions",
                "/articles/{key}/revisions/1", "/articles/{key}/revisions/1/slots",
                "/articles/{key}/revisions/1/diff", "/articles/{key}/diff?from=1&to=2",
                "/articles/{key}/timemap", "/articles/{key}/timegate", "/titles?title=x",
                "/articles/{key}/as-of?t=2019-06-01T00:00:00Z")) {
            var request = given().redirects().follow(false).queryParam("knownAt", "last week").when();
            (path.contains("{key}") ? request.get(path, key) : request.get(path)).then()
                    .statusCode(400).contentType(PROBLEM_JSON).body("type", endsWith("/problems/invalid-timestamp"));
        }
    }

    private static void assertHistory(String knownAt, List<Integer> seqs, List<Integer> revertOf, String title) {
        var request = given();
        if (knownAt != null) {
            request.queryParam("knownAt", knownAt);
        }
        Response page = request.when().get("/articles/{key}/revisions", key);
        page.then().statusCode(200).body("title", equalTo(title)).body("next", nullValue());
        assertEquals(seqs, page.jsonPath().getList("revisions.revSeq", Integer.class), "knownAt " + knownAt);
        assertEquals(revertOf, page.jsonPath().getList("revisions.revertOf", Integer.class), "knownAt " + knownAt);
    }

    private static void assertListing(String prefix, String knownAt, List<String> keys, List<String> titles,
                                      List<Integer> counts) {
        var request = given().queryParam("prefix", prefix);
        if (knownAt != null) {
            request.queryParam("knownAt", knownAt);
        }
        Response page = request.when().get("/articles");
        page.then().statusCode(200).body("next", nullValue());
        String what = prefix + " known at " + knownAt;
        assertEquals(keys, page.jsonPath().getList("articles.articleKey", String.class), what);
        assertEquals(titles, page.jsonPath().getList("articles.title", String.class), what);
        assertEquals(counts, page.jsonPath().getList("articles.revisionCount", Integer.class), what);
    }

    private static Response lookUp(String title, String knownAt) {
        var request = given().redirects().follow(false).queryParam("title", title);
        if (knownAt != null) {
            request.queryParam("knownAt", knownAt);
        }
        return request.when().get("/titles");
    }

    private static String timeGate(String acceptDatetime, String knownAt) {
        var request = given().redirects().follow(false);
        if (acceptDatetime != null) {
            request.header("Accept-Datetime", acceptDatetime);
        }
        if (knownAt != null) {
            request.queryParam("knownAt", knownAt);
        }
        return path(request.when().get("/articles/{key}/timegate", key).then().statusCode(302)
                .extract().header("Location"));
    }

    /** The links of a Link header or link-format document by relation, targets as decoded paths with query. */
    private static Map<String, String> links(String value) {
        Map<String, String> links = new LinkedHashMap<>();
        Matcher link = LINK.matcher(value);
        while (link.find()) {
            links.put(link.group(2), path(link.group(1)));
        }
        return links;
    }

    private static String path(String uri) {
        String path = uri.replaceFirst("^https?://[^/]+", "");
        return URLDecoder.decode(path, StandardCharsets.UTF_8);
    }
}
