package dev.palimpsest.query.memento;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.query.ArchivedApiTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static dev.palimpsest.query.ArchiveLog.revision;
import static dev.palimpsest.query.ArchiveLog.uniqueArticleKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Memento (RFC 7089) over the real read model: TimeGate, TimeMap and the headers of revisions. */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "query"))
class MementoApiTest extends ArchivedApiTest {

    private static final String LINK_FORMAT = "application/link-format";

    /** Edit times by revSeq; #3 and #4 share one, #2 has a fraction of a second; #1 arrives last (a backfill). */
    private static final Map<Integer, String> EDITED = Map.of(
            1, "2019-01-01T00:00:00Z",
            2, "2019-02-01T00:00:00.5Z",
            3, "2019-03-01T00:00:00Z",
            4, "2019-03-01T00:00:00Z");

    private static String key;

    private static synchronized String article() {
        if (key == null) {
            key = uniqueArticleKey("memento");
            archive(key, revision(key, 2, EDITED.get(2), "two\n"), revision(key, 3, EDITED.get(3), "three\n"),
                    revision(key, 4, EDITED.get(4), "four\n"), revision(key, 1, EDITED.get(1), "one\n"));
        }
        return key;
    }

    private static String datetime(int revSeq) {
        return MementoDatetime.format(Instant.parse(EDITED.get(revSeq)));
    }

    private static String path(String uri) {
        return URI.create(uri).getPath();
    }

    private static String mementoPath(int revSeq) {
        return "/articles/" + key + "/revisions/" + revSeq;
    }

    private static LinkFormat.Link only(List<LinkFormat.Link> links, Predicate<LinkFormat.Link> which, String what) {
        List<LinkFormat.Link> found = links.stream().filter(which).toList();
        assertEquals(1, found.size(), what + " in " + links);
        return found.get(0);
    }

    private static Response timeGate(String acceptDatetime) {
        var request = given().redirects().follow(false);
        if (acceptDatetime != null) {
            request.header("Accept-Datetime", acceptDatetime);
        }
        return request.when().get("/articles/{key}/timegate", article());
    }

    @Test
    void theTimeGateRedirectsToTheRevisionCurrentAtTheDatetime() {
        String key = article();
        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put(null, 4);                                     // no header: the latest
        expected.put("Tue, 15 Jan 2019 00:00:00 GMT", 1);
        expected.put("Thu, 31 Jan 2019 23:59:59 GMT", 1);
        expected.put(datetime(2), 2);                              // its own Memento-Datetime leads back to #2
        expected.put("Mon, 01 Jan 2018 00:00:00 GMT", 1);          // before the first: the first
        expected.put(datetime(3), 4);                              // #3 and #4 share a second: the later
        expected.put("Sat, 01 Jan 2050 00:00:00 GMT", 4);
        expected.forEach((acceptDatetime, revSeq) -> {
            Response answer = timeGate(acceptDatetime).then().statusCode(302)
                    .header("Vary", containsString("accept-datetime"))
                    .header("Memento-Datetime", nullValue())
                    .extract().response();
            assertEquals(mementoPath(revSeq), path(answer.header("Location")), String.valueOf(acceptDatetime));
            List<LinkFormat.Link> links = LinkFormat.parse(answer.header("Link"));
            assertEquals("/articles/" + key, path(only(links, l -> l.has("original"), "original").target()));
            LinkFormat.Link timeMap = only(links, l -> l.has("timemap"), "timemap");
            assertEquals("/articles/" + key + "/timemap", path(timeMap.target()));
            assertEquals(LINK_FORMAT, timeMap.parameters().get("type"));
        });
        // following the redirect gives the memento, with the datetime of the revision chosen
        given().header("Accept-Datetime", "Tue, 15 Jan 2019 00:00:00 GMT").accept("text/plain")
                .when().get("/articles/{key}/timegate", key).then().statusCode(200)
                .header("Memento-Datetime", equalTo(datetime(1))).body(equalTo("one\n"));
    }

    @Test
    void theTimeGateAnswersProblemsForBadDatetimesAndUnknownArticles() {
        article();
        for (String bad : List.of("yesterday", "2019-01-01T00:00:00Z", "Mon, 15 Jan 2019 00:00:00 GMT")) {
            timeGate(bad).then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", endsWith("/problems/invalid-accept-datetime"));
        }
        given().redirects().follow(false).when().get("/articles/{key}/timegate", uniqueArticleKey("nobody"))
                .then().statusCode(404).contentType(PROBLEM_JSON).body("type", endsWith("/problems/article-not-found"));
    }

    @Test
    void aRevisionIsAMementoLinkedToItsNeighboursInEditOrder() {
        String key = article();
        // revSeq -> relation types expected per linked revision (first, prev, next, last; merged when the same)
        Map<Integer, Map<Integer, Set<String>>> expected = Map.of(
                1, Map.of(1, Set.of("first", "memento"), 2, Set.of("next", "memento"), 4, Set.of("last", "memento")),
                2, Map.of(1, Set.of("first", "prev", "memento"), 3, Set.of("next", "memento"),
                        4, Set.of("last", "memento")),
                3, Map.of(1, Set.of("first", "memento"), 2, Set.of("prev", "memento"),
                        4, Set.of("next", "last", "memento")),
                4, Map.of(1, Set.of("first", "memento"), 3, Set.of("prev", "memento"), 4, Set.of("last", "memento")));
        for (String accept : List.of("application/json", "text/plain")) {
            expected.forEach((revSeq, neighbours) -> {
                Response answer = given().accept(accept).when().get("/articles/{key}/revisions/{n}", key, revSeq)
                        .then().statusCode(200).header("Memento-Datetime", equalTo(datetime(revSeq)))
                        .extract().response();
                List<LinkFormat.Link> links = LinkFormat.parse(answer.header("Link"));
                assertEquals("/articles/" + key, path(only(links, l -> l.has("original"), "original").target()));
                assertEquals("/articles/" + key + "/timegate",
                        path(only(links, l -> l.has("timegate"), "timegate").target()));
                assertEquals(LINK_FORMAT, only(links, l -> l.has("timemap"), "timemap").parameters().get("type"));
                List<LinkFormat.Link> mementos = links.stream().filter(l -> l.has("memento")).toList();
                assertEquals(neighbours.size(), mementos.size(), revSeq + ": " + links);
                for (LinkFormat.Link memento : mementos) {
                    int linked = Integer.parseInt(path(memento.target()).replaceAll(".*/", ""));
                    assertEquals(neighbours.get(linked), memento.rels(), revSeq + " -> " + linked);
                    assertEquals(datetime(linked), memento.parameters().get("datetime"));
                }
            });
        }
    }

    @Test
    void asOfCarriesTheMementoDatetimeOfWhatItShows() {
        String key = article();
        Response answer = given().queryParam("t", "2019-02-15T00:00:00Z").when().get("/articles/{key}/as-of", key)
                .then().statusCode(200).header("Memento-Datetime", equalTo(datetime(2))).extract().response();
        List<LinkFormat.Link> links = LinkFormat.parse(answer.header("Link"));
        assertEquals("/articles/" + key, path(only(links, l -> l.has("original"), "original").target()));
        only(links, l -> l.has("timegate"), "timegate");
        only(links, l -> l.has("timemap"), "timemap");
        // the original resource points to its TimeGate and TimeMap
        List<LinkFormat.Link> original = LinkFormat.parse(given().when().get("/articles/{key}", key)
                .then().statusCode(200).extract().header("Link"));
        assertEquals("/articles/" + key + "/timegate", path(only(original, l -> l.has("timegate"), "tg").target()));
        assertEquals("/articles/" + key + "/timemap", path(only(original, l -> l.has("timemap"), "tm").target()));
    }

    /** Reads the TimeMap from {@code uri}, following rel="timemap" pages; returns every page's links. */
    private static List<List<LinkFormat.Link>> timeMapPages(String firstUri) {
        List<List<LinkFormat.Link>> pages = new ArrayList<>();
        String uri = firstUri;
        while (uri != null && pages.size() < 20) {
            String body = given().urlEncodingEnabled(false).when().get(uri).then().statusCode(200)
                    .contentType(LINK_FORMAT).extract().asString();
            List<LinkFormat.Link> links = LinkFormat.parse(body);
            pages.add(links);
            List<LinkFormat.Link> next = links.stream().filter(l -> l.has("timemap")).toList();
            assertTrue(next.size() <= 1, links.toString());
            uri = next.isEmpty() ? null : next.get(0).target();
        }
        return pages;
    }

    @Test
    void theTimeMapListsEveryRevisionOldestFirstInPages() {
        String key = article();
        for (String limit : new String[]{null, "1", "3", "4"}) {
            String uri = "/articles/" + key + "/timemap" + (limit == null ? "" : "?limit=" + limit);
            List<List<LinkFormat.Link>> pages = timeMapPages(uri);
            List<Integer> listed = new ArrayList<>();
            List<Integer> firsts = new ArrayList<>();
            List<Integer> lasts = new ArrayList<>();
            for (int p = 0; p < pages.size(); p++) {
                List<LinkFormat.Link> links = pages.get(p);
                assertEquals("/articles/" + key, path(only(links, l -> l.has("original"), "original").target()));
                assertEquals("/articles/" + key + "/timegate", path(only(links, l -> l.has("timegate"), "tg").target()));
                LinkFormat.Link self = only(links, l -> l.has("self"), "self");
                assertEquals(LINK_FORMAT, self.parameters().get("type"));
                List<LinkFormat.Link> mementos = links.stream().filter(l -> l.has("memento")).toList();
                assertFalse(mementos.isEmpty());
                assertEquals(mementos.get(0).parameters().get("datetime"), self.parameters().get("from"));
                assertEquals(mementos.get(mementos.size() - 1).parameters().get("datetime"),
                        self.parameters().get("until"));
                for (LinkFormat.Link memento : mementos) {
                    int revSeq = Integer.parseInt(path(memento.target()).replaceAll(".*/", ""));
                    listed.add(revSeq);
                    assertEquals(datetime(revSeq), memento.parameters().get("datetime"));
                    if (memento.has("first")) {
                        firsts.add(revSeq);
                    }
                    if (memento.has("last")) {
                        lasts.add(revSeq);
                    }
                }
                if (p + 1 < pages.size()) {
                    LinkFormat.Link next = only(links, l -> l.has("timemap"), "next page");
                    assertEquals(LINK_FORMAT, next.parameters().get("type"));
                    String nextFirst = LinkFormat.parse(given().urlEncodingEnabled(false).get(next.target())
                            .asString()).stream().filter(l -> l.has("memento")).findFirst().orElseThrow()
                            .parameters().get("datetime");
                    assertEquals(nextFirst, next.parameters().get("from"));
                }
            }
            assertEquals(List.of(1, 2, 3, 4), listed, "limit " + limit);
            assertEquals(List.of(1), firsts);
            assertEquals(List.of(4), lasts);
            int perPage = limit == null ? 500 : Integer.parseInt(limit);
            assertEquals((4 + perPage - 1) / perPage, pages.size(), "limit " + limit);
        }
    }

    @Test
    void theTimeMapAnswersProblems() {
        String key = article();
        given().when().get("/articles/{key}/timemap", uniqueArticleKey("nobody"))
                .then().statusCode(404).contentType(PROBLEM_JSON).body("type", endsWith("/problems/article-not-found"));
        for (String limit : List.of("0", "501", "all")) {
            given().queryParam("limit", limit).when().get("/articles/{key}/timemap", key)
                    .then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", endsWith("/problems/invalid-parameter"));
        }
        // a history cursor (newest first) does not continue a TimeMap (oldest first)
        String historyCursor = given().queryParam("limit", 1).when().get("/articles/{key}/revisions", key)
                .then().statusCode(200).extract().path("next");
        assertNotNull(historyCursor);
        for (String cursor : List.of(historyCursor, "garbage!")) {
            given().queryParam("cursor", cursor).when().get("/articles/{key}/timemap", key)
                    .then().statusCode(400).contentType(PROBLEM_JSON).body("type", endsWith("/problems/invalid-cursor"));
        }
    }

    @Test
    void bothFormsOfARevisionRevalidateWithA304() {
        String key = article();
        for (String accept : List.of("application/json", "text/plain")) {
            Response first = given().accept(accept).when().get("/articles/{key}/revisions/{n}", key, 2)
                    .then().statusCode(200).extract().response();
            String tag = first.header("ETag");
            assertNotNull(tag);
            assertFalse(tag.startsWith("W/"), "strong validator");
            Response again = given().accept(accept).header("If-None-Match", tag)
                    .when().get("/articles/{key}/revisions/{n}", key, 2)
                    .then().statusCode(304).header("ETag", equalTo(tag))
                    .header("Cache-Control", equalTo(first.header("Cache-Control")))
                    .header("Memento-Datetime", equalTo(datetime(2)))
                    .extract().response();
            assertEquals("", again.asString());
            given().accept(accept).header("If-None-Match", "\"something-else\"")
                    .when().get("/articles/{key}/revisions/{n}", key, 2).then().statusCode(200);
        }
        given().accept("text/plain").when().get("/articles/{key}/revisions/{n}", key, 2).then()
                .header("Cache-Control", equalTo("public, max-age=31536000, immutable"));
        given().accept("application/json").when().get("/articles/{key}/revisions/{n}", key, 2).then()
                .header("Cache-Control", containsString("no-cache"));
    }
}
