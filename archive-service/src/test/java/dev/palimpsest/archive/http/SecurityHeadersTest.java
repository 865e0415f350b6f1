package dev.palimpsest.archive.http;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Security headers on every kind of answer, and CORS left at same-origin (the admin API is for operators; set
 * QUARKUS_HTTP_CORS_ORIGINS to admit a console served elsewhere).
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))
class SecurityHeadersTest {

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
    void successesAndProblemsCarryTheSecurityHeaders() {
        assertSecurityHeaders(given().get("/q/health/live").then().statusCode(200).extract().response());
        assertSecurityHeaders(given().get("/q/openapi").then().statusCode(200).extract().response());
        assertSecurityHeaders(given().get("/admin/articles/{key}", "headers-absent")
                .then().statusCode(404).contentType("application/problem+json").extract().response());
        assertSecurityHeaders(given().get("/articles/{key}/verification", "bad key")
                .then().statusCode(400).contentType("application/problem+json").extract().response());
    }

    /**
     * No endpoint here reads a body: one announced over quarkus.http.limits.max-body-size is refused before any of
     * it is read, with a problem (web-problem's HttpLayerProblems; HostileRequestTest has the other refusals of the
     * HTTP layer).
     */
    @Test
    void aBodyOverTheLimitIsRefused() {
        given().body("x".repeat(64 * 1024 + 1)).when().post("/articles/{key}/verification", "any")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://palimpsest.dev/problems/payload-too-large"));
    }

    @Test
    void theServicesOwnOriginMayCallIt() {
        String origin = self.getProtocol() + "://" + self.getAuthority();
        given().header("Origin", origin).header("Access-Control-Request-Method", "GET")
                .when().options("/admin/articles/{key}", "any")
                .then().statusCode(200).header("Access-Control-Allow-Origin", origin);
    }

    @Test
    void anotherOriginMayNot() {
        given().header("Origin", "https://example.org").header("Access-Control-Request-Method", "GET")
                .when().options("/admin/articles/{key}", "any")
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
    }
}
