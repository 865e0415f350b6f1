package dev.palimpsest.ingest.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.devstack.DevstackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** By default (no JSON switch) the console speaks to people: a plain line with the level and the message. */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class HumanReadableLogFormatTest {

    @Test
    void consoleLinesArePlainTextByDefault() {
        String line = ConsoleFormat.line("accepted 1416cdfd for jasic");

        assertTrue(line.contains("INFO") && line.contains("accepted 1416cdfd for jasic"), line);
        assertFalse(line.stripLeading().startsWith("{"), line);
        boolean jsonObject;
        try {
            jsonObject = new ObjectMapper().readTree(line).isObject();
        } catch (IOException notJson) {
            jsonObject = false;
        }
        assertFalse(jsonObject, "not a JSON object: " + line);
    }
}
