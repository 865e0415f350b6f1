package dev.palimpsest.query.article;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.query.ArchivedApiTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.palimpsest.query.ArchiveLog.revision;
import static dev.palimpsest.query.ArchiveLog.uniqueArticleKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** {@code GET /articles}: listing and title-prefix search over the real read model. */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "query"))
class ArticleListingApiTest extends ArchivedApiTest {

    /** Unique to this run, so other tests' articles (and earlier runs') never match. */
    private static final String BASE = "Listing " + UUID.randomUUID().toString().substring(0, 8) + " ";

    /** In code point order, as the listing must return them ("Twin" twice: two articles, ordered by key). */
    private static final List<String> SUFFIXES = List.of("100% pure", "1000 words", "100_ pure", "Alpha", "Twin",
            "Twin", "alpha", "Äpfel", "佳士", "😀 emoji");

    private static List<String> keys;

    /** The keys of the articles titled BASE + SUFFIXES, in listing order. */
    private static synchronized List<String> articles() {
        if (keys == null) {
            List<String> made = new ArrayList<>();
            for (String suffix : SUFFIXES) {
                String key = uniqueArticleKey("listing");
                archive(key, revision(key, 1, "2019-01-01T00:00:00Z", "first of " + suffix),
                        titled(revision(key, 2, "2019-02-01T00:00:00Z", "now " + suffix), BASE + suffix));
                made.add(key);
            }
            // the twins list by key (code point order; keys here are ASCII)
            if (made.get(4).compareTo(made.get(5)) > 0) {
                made.add(4, made.remove(5));
            }
            keys = List.copyOf(made);
        }
        return keys;
    }

    private static List<String> listedKeys(Map<String, ?> params, int limit) {
        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParams(params).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.when().get("/articles").then().statusCode(200)
                    .contentType("application/json").extract().response();
            listed.addAll(page.path("articles.articleKey"));
            cursor = page.path("next");
            pages++;
        } while (cursor != null && pages < 50);
        return listed;
    }

    @Test
    void listsByTitleInCodePointOrderThenKeyInBothDirectionsAndPages() {
        List<String> expected = articles();
        List<String> reversed = new ArrayList<>(expected);
        java.util.Collections.reverse(reversed);
        for (int limit : List.of(1, 3, 500)) {
            assertEquals(expected, listedKeys(Map.of("prefix", BASE), limit));
            assertEquals(expected, listedKeys(Map.of("prefix", BASE, "order", "asc"), limit));
            assertEquals(reversed, listedKeys(Map.of("prefix", BASE, "order", "DESC"), limit));
        }
        given().queryParam("prefix", BASE).queryParam("limit", 1).when().get("/articles").then().statusCode(200)
                .body("articles[0].articleKey", equalTo(expected.get(0)))
                .body("articles[0].title", equalTo(BASE + "100% pure"))
                .body("articles[0].revisionCount", equalTo(2))
                .body("articles[0].latestRevSeq", equalTo(2))
                .body("articles[0].firstRevTimestamp", equalTo("2019-01-01T00:00:00Z"))
                .body("articles[0].lastRevTimestamp", equalTo("2019-02-01T00:00:00Z"));
    }

    @Test
    void aPrefixMatchesExactlyAndCaseSensitivelyWithWildcardsAsPlainCharacters() {
        List<String> keys = articles();
        Map<String, List<String>> expectations = Map.of(
                "100%", List.of(keys.get(0)),          // not "1000 words", as LIKE '100%' would
                "100_", List.of(keys.get(2)),          // not "1000 words", as LIKE '100_' would
                "100", List.of(keys.get(0), keys.get(1), keys.get(2)),
                "Alpha", List.of(keys.get(3)),         // not "alpha"
                "alpha", List.of(keys.get(6)),
                "Ä", List.of(keys.get(7)),             // not "Alpha": no accent folding either
                "佳", List.of(keys.get(8)),
                "😀", List.of(keys.get(9)),             // a character outside the BMP
                "Twin", List.of(keys.get(4), keys.get(5)),
                "zzz", List.of());
        expectations.forEach((suffix, expected) ->
                assertEquals(expected, listedKeys(Map.of("prefix", BASE + suffix), 1), suffix));
        given().queryParam("prefix", BASE.toLowerCase()).when().get("/articles").then().statusCode(200)
                .body("articles", equalTo(List.of())).body("next", nullValue());
    }

    @Test
    void theWholeListingIsInCodePointOrder() {
        articles();
        Response page = given().queryParam("limit", 500).when().get("/articles").then().statusCode(200)
                .extract().response();
        List<String> titles = page.path("articles.title");
        List<String> sorted = new ArrayList<>(titles);
        sorted.sort(Comparator.nullsFirst(ArticleListingApiTest::byCodePoint));
        assertEquals(sorted, titles);
    }

    private static int byCodePoint(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    @Inject
    EntityManager entityManager;

    /**
     * The listing stays fast with many articles because every page, with or without a prefix or cursor, in either
     * order, is a range scan of article_by_title that yields rows already in order: no sort, no scan of the table.
     * Sequential and bitmap scans (which lose the order) are discouraged for the test: on a small table, or for a
     * prefix with few matches, the planner would rightly prefer one; what matters is that an ordered index scan
     * answering the whole page exists.
     */
    @Test
    @Transactional
    void everyPageIsAnOrderedRangeScanOfTheTitleIndex() {
        entityManager.createNativeQuery("SET LOCAL enable_seqscan = off").executeUpdate();
        entityManager.createNativeQuery("SET LOCAL enable_bitmapscan = off").executeUpdate();
        for (TitleOrder order : TitleOrder.values()) {
            for (TitlePrefix prefix : new TitlePrefix[]{null, TitlePrefix.parse("Jas"), TitlePrefix.parse("佳")}) {
                for (boolean afterCursor : new boolean[]{false, true}) {
                    var explain = entityManager.createNativeQuery("EXPLAIN "
                            + ArticleListResource.sql(order, prefix, afterCursor, false)).setParameter("rows", 51);
                    if (prefix != null) {
                        explain.setParameter("low", prefix.low()).setParameter("high", prefix.high());
                    }
                    if (afterCursor) {
                        explain.setParameter("title", prefix == null ? "M" : prefix.low() + "x")
                                .setParameter("key", "enwiki:1");
                    }
                    String plan = String.join("\n", explain.getResultList().stream().map(String::valueOf).toList());
                    String what = order + " " + (prefix == null ? "all" : prefix.low()) + " " + afterCursor + ":\n";
                    assertTrue(plan.contains("article_by_title"), what + plan);
                    assertFalse(plan.contains("Sort"), what + plan);
                    assertFalse(plan.contains("Seq Scan"), what + plan);
                }
            }
        }
    }

    @Test
    void aCursorIsRefusedForAnotherPrefixOrOrder() {
        articles();
        String next = given().queryParam("prefix", BASE).queryParam("limit", 2).when().get("/articles")
                .then().statusCode(200).extract().path("next");
        assertNotNull(next);
        for (Map<String, String> other : List.of(Map.of("prefix", BASE + "1"), Map.<String, String>of(),
                Map.of("prefix", BASE, "order", "desc"))) {
            given().queryParams(other).queryParam("cursor", next).when().get("/articles")
                    .then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", endsWith("/problems/invalid-cursor"));
        }
        given().queryParam("cursor", "djN8ZGVzY3x8fDIwMTktMDEtMDFUMDA6MDA6MDBafDEwMDN8Mw").when().get("/articles")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("type", endsWith("/problems/invalid-cursor"));
    }

    @Test
    void badParametersAreProblems() {
        for (String limit : List.of("0", "501", "many")) {
            given().queryParam("limit", limit).when().get("/articles").then().statusCode(400)
                    .contentType(PROBLEM_JSON).body("type", endsWith("/problems/invalid-parameter"))
                    .body("instance", equalTo("/articles"));
        }
        given().queryParam("order", "sideways").when().get("/articles").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("type", endsWith("/problems/invalid-parameter"));
        for (String prefix : List.of("x".repeat(256), "a\u0000b")) {
            given().queryParam("prefix", prefix).when().get("/articles").then().statusCode(400)
                    .contentType(PROBLEM_JSON).body("type", endsWith("/problems/invalid-parameter"));
        }
        given().queryParam("cursor", "not a cursor!").when().get("/articles").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("type", endsWith("/problems/invalid-cursor"));
    }
}
