package dev.palimpsest.events.kafka;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.Instant;

/**
 * The JSON form of Palimpsest events: snake_case names (as in Wikimedia's event schemas), ISO-8601 instants, and
 * unknown fields ignored so that an older reader keeps working when a minor schema version adds a field.
 */
public final class EventJson {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            // registered after JavaTimeModule, so it reads instants first (and hands it what it cannot read)
            .registerModule(new SimpleModule("utc-instants").addDeserializer(Instant.class,
                    new UtcInstantDeserializer()))
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private EventJson() {
    }
}
