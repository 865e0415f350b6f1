package dev.palimpsest.ingest.tracing;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.EventLog;
import dev.palimpsest.devstack.testing.TestTokens;
import dev.palimpsest.events.SubmittedEvent;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.kafka.EventDeserializer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tracing as the service runs by default, export off (ADR 0016): nothing is recorded, not even when the caller's
 * {@code traceparent} asks for it, but the caller's trace still reaches the record on the log of record, so the
 * consumers (and the logs) go on with the same trace id.
 */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class TraceContextWithExportOffTest {

    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Inject
    OpenTelemetry openTelemetry;

    @Test
    void spansAreNotRecordedButHaveIds() {
        Span span = openTelemetry.getTracer("test").spanBuilder("probe").startSpan();
        try {
            assertFalse(span.isRecording(), "export is off: the switch's sampler drops every span");
            assertTrue(span.getSpanContext().isValid(), "yet it has ids to hand on and to log");
        } finally {
            span.end();
        }
    }

    @Test
    void theCallersTraceReachesTheRecordUnsampled() {
        String key = "traced-off-" + UUID.randomUUID();
        String eventId = given().header("Authorization", "Bearer " + TestTokens.writer())
                .header("traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01")
                .contentType(ContentType.JSON)
                .body(Map.of("title", "Traced", "text", "text\n", "timestamp", "2020-01-01T00:00:00Z"))
                .when().post("/articles/{key}/revisions", key)
                .then().statusCode(202).extract().path("eventId");

        ConsumerRecord<String, SubmittedEvent> record = new EventLog(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))
                .readAll(Topics.REVISIONS_SUBMITTED, new EventDeserializer.SubmittedEventDeserializer()).stream()
                .filter(r -> r.value().meta().id().equals(UUID.fromString(eventId))).findFirst().orElseThrow();
        Header header = record.headers().lastHeader("traceparent");
        assertNotNull(header, "the record carries the context");
        String[] traceparent = new String(header.value(), StandardCharsets.UTF_8).split("-");
        assertEquals(CALLER_TRACE, traceparent[1], "the caller's trace goes on");
        assertNotEquals(CALLER_SPAN, traceparent[2], "the record's parent is a span of this service");
        assertEquals("00", traceparent[3], "not sampled: nothing of it is exported, however the caller asked");
    }
}
