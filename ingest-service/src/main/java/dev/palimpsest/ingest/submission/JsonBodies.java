package dev.palimpsest.ingest.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.palimpsest.ingest.IngestProblem;
import dev.palimpsest.problem.ProblemException;

import java.io.InputStream;

/**
 * Reads a request body as one JSON object of a request record, strictly: at most a limit of bytes, UTF-8 only, no
 * unknown or repeated fields, no coercion between strings, numbers and booleans. Every refusal is a problem
 * (400 or 413) worded in the API's terms. Shared by every endpoint of ingest that reads JSON.
 */
public final class JsonBodies {

    /** Strict on purpose: a misspelt field is an error, not a silently dropped value. */
    private static final ObjectMapper STRICT_JSON = strictJson();

    private static ObjectMapper strictJson() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // a repeated "text" must not silently replace the first; 1.9 is not the revision id 1
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
        // numbers and booleans are not strings: "title": 1 is a client bug to report, not to coerce
        mapper.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Textual)
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
                        com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float,
                        com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean,
                        com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
        // nor are strings numbers: "sourceRevisionId": "7" is refused, as "title": 1 is
        mapper.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Integer)
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.String,
                        com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
        return mapper;
    }

    private JsonBodies() {
    }

    /** The body, at most {@code limit} bytes, as a {@code type}. */
    public static <T> T read(InputStream stream, long limit, Class<T> type) {
        return parse(readAtMost(stream, limit), type);
    }

    /** Reads the body, never holding more than {@code limit} + 1 bytes: a chunked body has no length to check. */
    static byte[] readAtMost(InputStream stream, long limit) {
        try {
            byte[] body = stream.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (body.length > limit) {
                throw new ProblemException(IngestProblem.BODY_TOO_LARGE,
                        "the body has more than " + limit + " bytes, the limit");
            }
            return body;
        } catch (java.io.IOException e) {
            throw new ProblemException(IngestProblem.MALFORMED_JSON, "the body broke off: " + e.getMessage());
        }
    }

    private static <T> T parse(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw new ProblemException(IngestProblem.MALFORMED_JSON, "the body is empty; expected a JSON object");
        }
        try {
            T request = STRICT_JSON.readValue(strictUtf8(body), type);
            if (request == null) {
                throw new ProblemException(IngestProblem.MALFORMED_JSON, "expected a JSON object, got null");
            }
            return request;
        } catch (JsonProcessingException e) {
            throw new ProblemException(IngestProblem.MALFORMED_JSON, JsonErrors.describe(e));
        }
    }

    /**
     * The body as text, refusing anything that is not UTF-8 (RFC 8259, section 8.1). Jackson's own decoding lets
     * overlong forms through ({@code C0 AF} becomes {@code /}), the classic way to smuggle a character past a
     * filter; the JDK's decoder refuses them, as it refuses encoded surrogates and stray continuation bytes.
     */
    private static String strictUtf8(byte[] body) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(body);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(body.length);
        java.nio.charset.CharsetDecoder decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.charset.CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new ProblemException(IngestProblem.MALFORMED_JSON,
                    "the body is not UTF-8: invalid byte sequence at byte offset " + in.position());
        }
        return out.flip().toString();
    }
}
