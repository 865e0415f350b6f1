package dev.palimpsest.ingest.access;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.EventLog;
import dev.palimpsest.devstack.testing.TestTokens;
import dev.palimpsest.events.Roles;
import dev.palimpsest.events.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The write rate limit with a bucket of three and no refill to speak of (one write an hour): the fourth write of a
 * principal is refused with 429 and Retry-After, and publishes nothing; other principals are not held back. No
 * clock is involved in any assertion.
 */
@QuarkusTest
@TestProfile(WriteRateLimitTest.ThreeWrites.class)
@WithTestResource(DevstackTestResource.class)
class WriteRateLimitTest {

    public static class ThreeWrites implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("palimpsest.ingest.rate-limit.burst", "3",
                    "palimpsest.ingest.rate-limit.requests", "1",
                    "palimpsest.ingest.rate-limit.period", "1h");
        }
    }

    @Test
    void theWriteBeyondTheBurstIsRefusedWithRetryAfterAndNothingIsPublished() {
        String token = TestTokens.withRoles("rate-ada", Roles.WRITER);
        for (int i = 1; i <= 3; i++) {
            submit(token, "rate-1", "revision " + i).then().statusCode(202);
        }
        long before = publishedRecords();

        Response refused = submit(token, "rate-1", "revision 4");

        assertEquals(429, refused.statusCode(), refused.asString());
        assertEquals("application/problem+json", refused.contentType());
        assertEquals("https://palimpsest.dev/problems/rate-limited", refused.path("type"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3600, "Retry-After " + retryAfter);
        assertEquals(before, publishedRecords(), "nothing is published");

        // an import is a write like any other: one request, refused alike, before its body is read
        given().auth().oauth2(token).contentType("application/xml").body("<mediawiki/>")
                .when().post("/imports").then().statusCode(429);
        // a new token of the same subject is the same principal
        assertEquals(429, submit(TestTokens.withRoles("rate-ada", Roles.ADMIN), "rate-1", "again").statusCode());
        // reads are not writes
        given().when().get("/imports").then().statusCode(200);
    }

    @Test
    void anotherPrincipalIsNotHeldBack() {
        String grace = TestTokens.withRoles("rate-grace", Roles.WRITER);
        String linus = TestTokens.withRoles("rate-linus", Roles.WRITER);
        for (int i = 1; i <= 3; i++) {
            submit(grace, "rate-2", "grace " + i).then().statusCode(202);
        }
        assertEquals(429, submit(grace, "rate-2", "grace 4").statusCode());

        submit(linus, "rate-2", "linus 1").then().statusCode(202);
    }

    private static Response submit(String token, String key, String text) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", "Rate", "text", text + "\n"))
                .when().post("/articles/{key}/revisions", key);
    }

    private static long publishedRecords() {
        return new EventLog(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))
                .count(Topics.REVISIONS_SUBMITTED);
    }
}
