package dev.palimpsest.ingest.http;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.TestTokens;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Security headers on every kind of answer, and CORS left at same-origin: no page elsewhere may submit revisions
 * unless QUARKUS_HTTP_CORS_ORIGINS names it.
 */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class SecurityHeadersTest {

    /** Every request of this class as a writer would send it; the refusals of other callers are AuthenticationTest's. */
    @BeforeEach
    void asWriter() {
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + TestTokens.writer()).build();
    }

    @AfterEach
    void anonymousAgain() {
        RestAssured.requestSpecification = null;
    }


    private static final String PROBLEM_JSON = "application/problem+json";

    @TestHTTPResource
    URL self;

    private static void assertSecurityHeaders(Response response) {
        assertEquals(List.of("nosniff"), response.headers().getValues("X-Content-Type-Options"));
        assertEquals(List.of("no-referrer"), response.headers().getValues("Referrer-Policy"));
        assertEquals(List.of("DENY"), response.headers().getValues("X-Frame-Options"));
        assertEquals(List.of("default-src 'none'; frame-ancestors 'none'"),
                response.headers().getValues("Content-Security-Policy"));
    }

    @Test
    void anAcceptedSubmissionCarriesTheSecurityHeaders() {
        assertSecurityHeaders(given().contentType(ContentType.JSON)
                .body(Map.of("title", "Headers", "text", "Some text.", "timestamp", "2019-01-01T00:00:00Z"))
                .when().post("/articles/{key}/revisions", "headers-1")
                .then().statusCode(202).extract().response());
        assertSecurityHeaders(given().get("/q/openapi").then().statusCode(200).extract().response());
    }

    @Test
    void problemsCarryTheSecurityHeaders() {
        assertSecurityHeaders(given().contentType(ContentType.JSON).body("{\"title\":")
                .when().post("/articles/{key}/revisions", "headers-2")
                .then().statusCode(400).contentType(PROBLEM_JSON).extract().response());
        long limit = ConfigProvider.getConfig().getValue("palimpsest.ingest.max-body-size", MemorySize.class)
                .asLongValue();
        assertSecurityHeaders(given().contentType(ContentType.JSON).body(new byte[(int) limit + 1])
                .when().post("/articles/{key}/revisions", "headers-3")
                .then().statusCode(413).contentType(PROBLEM_JSON)
                .body("type", containsString("body-too-large")).extract().response());
    }

    @Test
    void theServicesOwnOriginMaySubmit() {
        String origin = self.getProtocol() + "://" + self.getAuthority();
        given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .when().options("/articles/{key}/revisions", "headers-4")
                .then().statusCode(200).header("Access-Control-Allow-Origin", origin);
    }

    @Test
    void anotherOriginMayNot() {
        given().header("Origin", "https://example.org").header("Access-Control-Request-Method", "POST")
                .when().options("/articles/{key}/revisions", "headers-5")
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
    }
}
