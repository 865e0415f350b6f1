package dev.palimpsest.ingest.access;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.EventLog;
import dev.palimpsest.devstack.testing.TestTokens;
import dev.palimpsest.events.Roles;
import dev.palimpsest.events.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Who may write, with real tokens signed by the devstack's issuer and verified as in production. The catalogue of
 * refused credentials is in HostileInputTest; here, what each refusal tells the client, and what stays open.
 */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class AuthenticationTest {

    private static final Map<String, String> REVISION = Map.of("title", "T", "text", "by an admin\n");

    @Test
    void anAdminMayWriteToo() {
        long before = publishedRecords();

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(REVISION)
                .when().post("/articles/{key}/revisions", "auth-admin-1")
                .then().statusCode(202);

        assertEquals(before + 1, publishedRecords());
    }

    @Test
    void aMissingTokenIsAskedForWithABearerChallenge() {
        given().contentType(ContentType.JSON).body(REVISION)
                .when().post("/articles/{key}/revisions", "auth-1")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"palimpsest\""))
                .body("type", equalTo("https://palimpsest.dev/problems/unauthenticated"))
                .body("detail", containsString("Authorization: Bearer"))
                .body("instance", equalTo("/articles/auth-1/revisions"));
    }

    @Test
    void aRefusedTokenIsNamedForWhatIsWrongWithIt() {
        assertRefusal(TestTokens.expired(Roles.WRITER), "has expired");
        assertRefusal(TestTokens.fromIssuer("https://elsewhere.example", Roles.WRITER), "issuer");
        assertRefusal(TestTokens.signedByAnotherKey(Roles.WRITER), "signature");
        assertRefusal("not.a.jwt", "not a JWT this service accepts");
    }

    @Test
    void aValidTokenWithoutTheRoleIsForbiddenNotUnauthenticated() {
        given().auth().oauth2(TestTokens.withRoles("auth-reader", "reader")).contentType(ContentType.JSON)
                .body(REVISION)
                .when().post("/articles/{key}/revisions", "auth-2")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://palimpsest.dev/problems/forbidden"))
                .body("detail", containsString("roles"));
    }

    @Test
    void readsArePublicWhateverTokenComesAlong() {
        given().when().get("/imports").then().statusCode(200);
        // a broken token on a public read is not even looked at: reads never depend on credentials
        given().header("Authorization", "Bearer not.a.jwt").when().get("/imports").then().statusCode(200);
        given().when().get("/imports/{id}", "no-such-import").then().statusCode(404)
                .body("type", endsWith("/import-not-found"));
        given().when().get("/q/openapi").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200);
    }

    private static void assertRefusal(String token, String detail) {
        long before = publishedRecords();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(REVISION)
                .when().post("/articles/{key}/revisions", "auth-3")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"palimpsest\", error=\"invalid_token\""))
                .body("type", equalTo("https://palimpsest.dev/problems/unauthenticated"))
                .body("detail", containsString(detail));
        assertEquals(before, publishedRecords(), "nothing is published");
    }

    private static long publishedRecords() {
        return new EventLog(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))
                .count(Topics.REVISIONS_SUBMITTED);
    }
}
