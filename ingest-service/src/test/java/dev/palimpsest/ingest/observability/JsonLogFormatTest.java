package dev.palimpsest.ingest.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.devstack.DevstackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON logging switch: with {@code quarkus.log.console.json.enabled=true} (QUARKUS_LOG_CONSOLE_JSON_ENABLED in a
 * deployment) each console line is one JSON object a log collector can parse, carrying the message and its level.
 */
@QuarkusTest
@TestProfile(JsonLogFormatTest.JsonLogs.class)
@WithTestResource(DevstackTestResource.class)
class JsonLogFormatTest {

    public static class JsonLogs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.console.json.enabled", "true");
        }
    }

    @Test
    void eachConsoleLineIsAJsonObject() throws Exception {
        String line = ConsoleFormat.line("accepted 1416cdfd for \"jasic\" (佳士)");

        assertEquals(1, line.strip().lines().count(), "one line per record: " + line);
        JsonNode record = new ObjectMapper().readTree(line);
        assertTrue(record.isObject(), line);
        assertEquals("accepted 1416cdfd for \"jasic\" (佳士)", record.path("message").asText());
        assertEquals("INFO", record.path("level").asText());
        assertEquals("dev.palimpsest.ingest.observability", record.path("loggerName").asText());
        assertTrue(record.hasNonNull("timestamp"), line);
    }
}
