package dev.palimpsest.events.kafka;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UtcInstantDeserializerTest {

    /** jackson-datatype-jsr310 alone: what every instant read before, and still reads what the fast path does not. */
    private static final ObjectMapper GENERAL = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void readsWhatInstantToStringWritesAsTheGeneralParserDoes() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            // whole seconds, milliseconds, microseconds and nanoseconds: Instant.toString writes 0, 3, 6 or 9 digits
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            String json = "\"" + instant + "\"";
            assertEquals(instant, EventJson.MAPPER.readValue(json, Instant.class), json);
            assertEquals(GENERAL.readValue(json, Instant.class), UtcInstantDeserializer.parse(instant.toString()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2010-02-02T03:43:07.5Z", "2010-02-02T03:43:07.12Z", "2024-02-29T23:59:59.1234Z",
            "2000-02-29T00:00:00.000000001Z", "0000-01-01T00:00:00Z"})
    void readsAnyNumberOfFractionDigits(String text) throws Exception {
        assertEquals(GENERAL.readValue("\"" + text + "\"", Instant.class), UtcInstantDeserializer.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2010-02-02T03:43:07+01:00", "2010-02-02t03:43:07z", "2010-02-02T03:43:07.Z",
            "2010-02-02T03:43:07.1234567890Z", "+12010-02-02T03:43:07Z", " 2010-02-02T03:43:07Z",
            "2010-02-02T24:00:00Z", "2016-12-31T23:59:60Z"})
    void leavesOtherFormsToTheGeneralParser(String text) throws Exception {
        assertNull(UtcInstantDeserializer.parse(text));
        String json = "\"" + text + "\"";
        Instant general;
        try {
            general = GENERAL.readValue(json, Instant.class);
        } catch (JsonMappingException refused) {
            assertThrows(JsonMappingException.class, () -> EventJson.MAPPER.readValue(json, Instant.class));
            return;
        }
        assertEquals(general, EventJson.MAPPER.readValue(json, Instant.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2010-02-30T03:43:07Z", "2023-02-29T00:00:00Z", "2010-13-02T03:43:07Z",
            "2010-02-02T25:00:00Z", "2010-02-02T03:60:07Z", "2010-02-02T03:43:60Z", "2010-02-02T03:4a:07Z",
            "2010-00-02T03:43:07Z", "2010-02-00T03:43:07Z", "not a time"})
    void refusesWhatTheGeneralParserRefuses(String text) {
        assertNull(UtcInstantDeserializer.parse(text));
        String json = "\"" + text + "\"";
        assertThrows(JsonMappingException.class, () -> GENERAL.readValue(json, Instant.class));
        assertThrows(JsonMappingException.class, () -> EventJson.MAPPER.readValue(json, Instant.class));
    }

    @Test
    void isWhatTheEventMapperReadsInstantsWith() throws Exception {
        var context = ((com.fasterxml.jackson.databind.deser.DefaultDeserializationContext)
                EventJson.MAPPER.getDeserializationContext()).createDummyInstance(EventJson.MAPPER
                .getDeserializationConfig());
        assertInstanceOf(UtcInstantDeserializer.class,
                context.findRootValueDeserializer(EventJson.MAPPER.constructType(Instant.class)));
    }

    /** A property with a format of its own. */
    record Formatted(@com.fasterxml.jackson.annotation.JsonFormat(pattern = "yyyy-MM-dd HH:mm", timezone = "UTC")
                     Instant at) {
    }

    @Test
    void aPropertyWithAFormatOfItsOwnIsReadWithIt() throws Exception {
        assertEquals(Instant.parse("2010-02-02T03:43:00Z"),
                EventJson.MAPPER.readValue("{\"at\":\"2010-02-02 03:43\"}", Formatted.class).at());
    }

    @Test
    void readsNumbersAsBefore() throws Exception {
        assertEquals(GENERAL.readValue("1265082187.5", Instant.class),
                EventJson.MAPPER.readValue("1265082187.5", Instant.class));
    }
}
