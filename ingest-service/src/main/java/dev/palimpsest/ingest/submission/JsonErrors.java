package dev.palimpsest.ingest.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.stream.Collectors;

/**
 * Says what is wrong with a submitted JSON body in the terms of the API (fields, strings, integers). Jackson's own
 * messages name Java types and its configuration ({@code java.lang.String}, the request record's class,
 * {@code DeserializationFeature.FAIL_ON_TRAILING_TOKENS}): internals a client cannot act on and should not see.
 */
final class JsonErrors {

    private JsonErrors() {
    }

    static String describe(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'; the fields are "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")) + where;
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = field(mismatch);
            if (!field.isEmpty()) {
                return "field '" + field + "': expected " + expected(mismatch.getTargetType()) + where;
            }
            if (String.valueOf(mismatch.getOriginalMessage()).startsWith("Trailing token")) {
                return "the JSON object is followed by more content" + where;
            }
            return "expected a JSON object with the revision's fields" + where;
        }
        if (e instanceof JsonMappingException) {
            return "the JSON does not describe a revision" + where;
        }
        // a syntax error: Jackson's message is about the characters of the body (unexpected character, end of input)
        return e.getOriginalMessage() + where;
    }

    private static String field(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "an integer";
        }
        return "another type";
    }
}
