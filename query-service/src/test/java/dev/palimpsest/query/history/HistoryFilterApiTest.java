package dev.palimpsest.query.history;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.query.ArchivedApiTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.palimpsest.query.ArchiveLog.revision;
import static dev.palimpsest.query.ArchiveLog.uniqueArticleKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** History's {@code from}/{@code to} filters over the real read model, with cursors in both orders. */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "query"))
class HistoryFilterApiTest extends ArchivedApiTest {

    /** Every revSeq of the filtered listing, following {@code next} page by page. */
    private static List<Integer> seqs(String key, Map<String, String> filters, int limit) {
        List<Integer> seqs = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParams(filters).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.when().get("/articles/{key}/revisions", key)
                    .then().statusCode(200).extract().response();
            seqs.addAll(page.path("revisions.revSeq"));
            cursor = page.path("next");
            pages++;
        } while (cursor != null && pages < 100);
        return seqs;
    }

    private static String key;

    private static synchronized String article() {
        if (key == null) {
            key = uniqueArticleKey("history-filter");
            // #4 is a backfill (archived after #5, edited between #2 and #3); #3 and #5 share an edit time
            archive(key,
                    revision(key, 1, "2019-01-01T00:00:00Z", "one"),
                    revision(key, 2, "2019-02-01T00:00:00Z", "two"),
                    revision(key, 3, "2019-03-01T00:00:00Z", "three"),
                    revision(key, 5, "2019-03-01T00:00:00Z", "five, same time as three"),
                    revision(key, 4, "2019-02-15T00:00:00Z", "four"),
                    revision(key, 6, "2019-04-01T00:00:00.5Z", "six"));
        }
        return key;
    }

    @Test
    void fromIsInclusiveAndToExclusiveInBothOrdersAndAcrossPages() {
        String key = article();
        Map<String, String> febToMarch = Map.of("from", "2019-02-01T00:00:00Z", "to", "2019-03-01T00:00:00Z");
        for (int limit : List.of(1, 2, 500)) {
            assertEquals(List.of(2, 4), seqs(key, with(febToMarch, "order", "asc"), limit));
            assertEquals(List.of(4, 2), seqs(key, with(febToMarch, "order", "desc"), limit));
            assertEquals(List.of(3, 5, 6), seqs(key, Map.of("from", "2019-03-01T00:00:00Z", "order", "asc"), limit));
            assertEquals(List.of(6, 5, 3), seqs(key, Map.of("from", "2019-03-01T00:00:00Z"), limit));
            assertEquals(List.of(1, 2, 4), seqs(key, Map.of("to", "2019-03-01T00:00:00Z", "order", "asc"), limit));
            assertEquals(List.of(4, 2, 1), seqs(key, Map.of("to", "2019-03-01T00:00:00Z", "order", "desc"), limit));
        }
        // to is exclusive to the microsecond, in any offset
        assertEquals(List.of(6), seqs(key, Map.of("from", "2019-04-01T02:00:00.5+02:00"), 10));
        assertEquals(List.of(), seqs(key, Map.of("from", "2019-04-01T00:00:00.500001Z"), 10));
        assertEquals(List.of(5, 3), seqs(key, Map.of("from", "2019-03-01T00:00:00Z",
                "to", "2019-04-01T00:00:00.5Z"), 10));
        // an empty range is an empty page, not an error; so is a range with no revisions
        given().queryParam("from", "2019-02-01T00:00:00Z").queryParam("to", "2019-02-01T00:00:00Z")
                .when().get("/articles/{key}/revisions", key).then().statusCode(200)
                .body("revisions", equalTo(List.of())).body("next", nullValue());
        assertEquals(List.of(), seqs(key, Map.of("from", "2030-01-01T00:00:00Z"), 10));
    }

    @Test
    void aCursorIsRefusedWithOtherFiltersOrOrder() {
        String key = article();
        String next = given().queryParam("from", "2019-02-01T00:00:00Z").queryParam("limit", 1)
                .when().get("/articles/{key}/revisions", key).then().statusCode(200)
                .body("revisions[0].revSeq", equalTo(6)).extract().path("next");
        assertNotNull(next);
        given().queryParam("from", "2019-02-01T00:00:00Z").queryParam("limit", 1).queryParam("cursor", next)
                .when().get("/articles/{key}/revisions", key).then().statusCode(200)
                .body("revisions[0].revSeq", equalTo(5));
        List<Map<String, String>> others = List.of(
                Map.of(),
                Map.of("from", "2019-01-01T00:00:00Z"),
                Map.of("from", "2019-02-01T00:00:00Z", "to", "2019-05-01T00:00:00Z"),
                Map.of("from", "2019-02-01T00:00:00Z", "order", "asc"));
        for (Map<String, String> other : others) {
            given().queryParams(other).queryParam("cursor", next).when().get("/articles/{key}/revisions", key)
                    .then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", endsWith("/problems/invalid-cursor"))
                    .body("detail", containsString("the cursor continues a listing"));
        }
    }

    @Test
    void badFiltersAreProblems() {
        String key = article();
        for (String bad : List.of("2019-13-01T00:00:00Z", "yesterday", "2019-03-01", " ")) {
            given().queryParam("from", bad).when().get("/articles/{key}/revisions", key)
                    .then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", endsWith("/problems/invalid-timestamp"))
                    .body("detail", containsString("from"));
            given().queryParam("to", bad).when().get("/articles/{key}/revisions", key)
                    .then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", endsWith("/problems/invalid-timestamp"));
        }
        given().queryParam("from", "2019-03-01T00:00:00Z").queryParam("to", "2019-02-01T00:00:00Z")
                .when().get("/articles/{key}/revisions", key).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", endsWith("/problems/invalid-time-range"))
                .body("status", equalTo(400));
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> all = new java.util.HashMap<>(base);
        all.put(name, value);
        return all;
    }
}
