package dev.palimpsest.ingest.redaction;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.EventLog;
import dev.palimpsest.devstack.testing.TestTokens;
import dev.palimpsest.events.RevisionRedactionRequested;
import dev.palimpsest.events.SubmittedEvent;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.kafka.EventDeserializer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.ws.rs.core.SecurityContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.security.Principal;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Redaction requests against a real Kafka broker: an accepted one is in the log of record, keyed by article. */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class RedactionResourceTest {

    private static EventLog log() {
        return new EventLog(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @Test
    void anAcceptedRedactionIsInTheLogKeyedByArticleAndItsStatusIsOnQueryService() {
        long before = log().count(Topics.REVISIONS_SUBMITTED);
        io.restassured.response.Response accepted = given().auth().oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .header("X-Request-Id", "req-redact-1")
                .body(Map.of("reason", "  personal data (a phone number)\n"))
                .when().post("/articles/{key}/revisions/{n}/redactions", "redact-article-1", 3);
        accepted.then().statusCode(202)
                .body("articleKey", equalTo("redact-article-1"))
                .body("revSeq", equalTo(3));
        String eventId = accepted.path("eventId");
        String status = "http://localhost:8080/articles/redact-article-1/redactions/" + eventId;
        assertEquals(status, accepted.header("Location"));
        assertEquals(status, accepted.path("status"));
        // a second request for the same revision is accepted too: each is its own fact
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .post("/articles/{key}/revisions/{n}/redactions", "redact-article-1", 3)
                .then().statusCode(202);
        assertEquals(before + 2, log().count(Topics.REVISIONS_SUBMITTED));

        ConsumerRecord<String, SubmittedEvent> record = log().readAll(Topics.REVISIONS_SUBMITTED,
                        new EventDeserializer.SubmittedEventDeserializer()).stream()
                .filter(r -> r.value().meta().id().equals(UUID.fromString(eventId))).findFirst().orElseThrow();
        assertEquals("redact-article-1", record.key());
        RevisionRedactionRequested event = assertInstanceOf(RevisionRedactionRequested.class, record.value());
        assertEquals(RevisionRedactionRequested.SCHEMA, event.schema());
        assertEquals(3, event.revSeq());
        assertEquals("personal data (a phone number)", event.reason(), "surrounding blanks are dropped");
        assertEquals("req-redact-1", event.meta().requestId());
        assertEquals(Topics.REVISIONS_SUBMITTED, event.meta().stream());
        assertEquals("test-admin", event.performer().userText(), "who: the admin token's subject");
    }

    @Test
    void thePerformerIsTheAuthenticatedPrincipal() {
        assertEquals("alice", RedactionResource.performer(securityContext(() -> "alice")));
        assertNull(RedactionResource.performer(securityContext(null)));
        assertNull(RedactionResource.performer(securityContext(() -> " ")));
    }

    @Test
    void openApiDescribesTheOperation() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/articles/{key}/revisions/{n}/redactions'.post.operationId", equalTo("redactRevision"))
                .body("paths.'/articles/{key}/revisions/{n}/redactions'.post.responses.'422'.content"
                        + ".'application/problem+json'.schema.$ref", equalTo("#/components/schemas/Problem"));
    }

    private static SecurityContext securityContext(Principal principal) {
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return null;
            }
        };
    }
}
