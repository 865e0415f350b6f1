package dev.palimpsest.events.kafka;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads an instant written as {@link Instant#toString} writes one in UTC ({@code 2010-02-02T03:43:07Z}, with up to
 * nine digits of fraction), which is how every event carries its times, without the general ISO-8601 parser: that
 * parser (a map of fields per value, then resolved) was 12 % of query-service's CPU rebuilding its read model, with
 * three instants an event. Anything else (an offset, a leap second, a number, a date out of range) goes to
 * jackson-datatype-jsr310's deserializer, which accepts or refuses it exactly as before.
 */
final class UtcInstantDeserializer extends StdDeserializer<Instant> implements ContextualDeserializer {

    /** {@code yyyy-MM-ddTHH:mm:ss}, then the fraction or {@code Z}. */
    private static final int SECONDS_END = 19;

    UtcInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            Instant instant = parse(parser.getText());
            if (instant != null) {
                return instant;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }

    /** A property with a format of its own ({@code @JsonFormat}) is read by the general deserializer, as it asks. */
    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
            throws JsonMappingException {
        JsonFormat.Value format = findFormatOverrides(context, property, Instant.class);
        return format == null || format.equals(JsonFormat.Value.empty()) ? this
                : InstantDeserializer.INSTANT.createContextual(context, property);
    }

    /** The instant {@code text} names in the form {@link Instant#toString} writes, or null when it is another. */
    static Instant parse(String text) {
        int length = text.length();
        if (length < SECONDS_END + 1 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        int fractionEnd = length - 1;
        if (fractionEnd > SECONDS_END) {
            int fractionDigits = fractionEnd - SECONDS_END - 1;
            if (text.charAt(SECONDS_END) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            int fraction = digits(text, SECONDS_END + 1, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code text[start, start + count)}, or -1 when a character is not an ASCII digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
