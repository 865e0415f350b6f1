package dev.palimpsest.query;

import dev.palimpsest.devstack.DevstackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.palimpsest.query.ArchiveLog.revision;
import static dev.palimpsest.query.ArchiveLog.uniqueArticleKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Security headers on every kind of answer (JSON, problem, OpenAPI document, the diff's HTML page, Swagger UI), and
 * CORS for a public, read-only archive: any origin may read, with the Memento headers exposed, and nothing else.
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "query"))
class SecurityHeadersTest {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    static final String DIFF_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

    /** The headers every answer carries, with exactly one policy (a browser would enforce each one it got). */
    static void assertSecurityHeaders(Response response, String policy) {
        assertEquals(List.of("nosniff"), response.headers().getValues("X-Content-Type-Options"));
        assertEquals(List.of("no-referrer"), response.headers().getValues("Referrer-Policy"));
        assertEquals(List.of("DENY"), response.headers().getValues("X-Frame-Options"));
        assertEquals(List.of(policy), response.headers().getValues("Content-Security-Policy"));
    }

    @Test
    void aJsonAnswerAProblemAndTheOpenApiDocumentCarryTheApiPolicy() {
        String key = uniqueArticleKey("headers");
        try (ArchiveLog log = new ArchiveLog()) {
            log.publish(revision(key, 1, "2019-01-01T00:00:00Z", "A\n"));
        }
        QueryApiTest.awaitRevisionCount(key, 1);
        assertSecurityHeaders(given().get("/articles/{key}/revisions/1", key)
                .then().statusCode(200).extract().response(), API_POLICY);
        assertSecurityHeaders(given().get("/articles/{key}/revisions/x", key)
                .then().statusCode(400).contentType("application/problem+json").extract().response(), API_POLICY);
        assertSecurityHeaders(given().get("/no/such/route")
                .then().statusCode(404).extract().response(), API_POLICY);
        assertSecurityHeaders(given().get("/articles/{key}/diff", uniqueArticleKey("absent"))
                .then().statusCode(400).contentType("application/problem+json").extract().response(),
                DIFF_PAGE_POLICY);
        assertSecurityHeaders(given().get("/q/openapi")
                .then().statusCode(200).extract().response(), API_POLICY);
    }

    @Test
    void theDiffPageMayStyleItselfInline() {
        String key = uniqueArticleKey("headers-diff");
        try (ArchiveLog log = new ArchiveLog()) {
            log.publish(revision(key, 1, "2019-01-01T00:00:00Z", "A\n"));
            log.publish(revision(key, 2, "2019-02-01T00:00:00Z", "B\n"));
        }
        QueryApiTest.awaitRevisionCount(key, 2);
        Response page = given().queryParam("from", "1").queryParam("to", "2").queryParam("format", "html")
                .get("/articles/{key}/diff", key)
                .then().statusCode(200).body(containsString("<style>")).extract().response();
        assertSecurityHeaders(page, DIFF_PAGE_POLICY);
        assertSecurityHeaders(given().queryParam("format", "html").get("/articles/{key}/revisions/2/diff", key)
                .then().statusCode(200).body(containsString("<style>")).extract().response(), DIFF_PAGE_POLICY);
    }

    @Test
    void swaggerUiHasAPolicyThatLetsItRun() {
        Response ui = given().get("/q/swagger-ui/").then().statusCode(200).extract().response();
        assertEquals(List.of("nosniff"), ui.headers().getValues("X-Content-Type-Options"));
        assertEquals(List.of("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
                + " img-src 'self' data:; frame-ancestors 'none'"), ui.headers().getValues("Content-Security-Policy"));
    }

    @Test
    void anyOriginMayReadAndSeeTheMementoHeaders() {
        given().header("Origin", "https://example.org").header("Access-Control-Request-Method", "GET")
                .when().options("/articles/{key}/revisions/1", "any")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://example.org")
                .header("Access-Control-Allow-Methods", containsString("GET"));
        given().header("Origin", "https://example.org").get("/articles/{key}", uniqueArticleKey("absent"))
                .then().statusCode(404)
                .header("Access-Control-Allow-Origin", "https://example.org")
                .header("Access-Control-Expose-Headers", startsWith("Link,Memento-Datetime,Location"));
    }

    /** The browser refuses a method the answer does not list. */
    @Test
    void noOriginMayWrite() {
        given().header("Origin", "https://example.org").header("Access-Control-Request-Method", "DELETE")
                .when().options("/articles/{key}", "any")
                .then().header("Access-Control-Allow-Methods", not(containsString("DELETE")));
    }
}
