package dev.palimpsest.ingest.submission;

import dev.palimpsest.ingest.IngestProblem;
import dev.palimpsest.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubmissionValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final SubmissionValidator validator =
            new SubmissionValidator(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

    private static SubmitRevisionRequest request(String title, String text, String timestamp) {
        return new SubmitRevisionRequest(title, text, timestamp, "Editor", "a comment", 42L);
    }

    private ProblemException refused(SubmitRevisionRequest request) {
        return assertThrows(ProblemException.class, () -> validator.validate("enwiki:1", request));
    }

    @Test
    void acceptsACompleteRevisionAndKeepsItsFields() {
        ValidRevision valid = validator.validate("enwiki:1", request("Title", "text\n", "2019-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2019-01-01T00:00:00Z"), valid.timestamp());
        assertTrue(valid.timestampGiven());
        assertEquals("text\n", valid.text());
        assertEquals(42L, valid.sourceRevisionId());
    }

    @Test
    void dateOfReceiptWhenNoTimestamp() {
        ValidRevision valid = validator.validate("k", request("Title", "text", null));
        assertEquals(NOW, valid.timestamp());
        assertFalse(valid.timestampGiven());
    }

    @Test
    void missingOrEmptyTextIsRefused() {
        assertEquals(IngestProblem.INVALID_REVISION, refused(request("Title", null, null)).kind());
        assertTrue(refused(request("Title", "", null)).detail().contains("text: required"));
    }

    @Test
    void everyViolationIsNamedAtOnce() {
        ProblemException e = refused(request(" ", "", null));
        assertTrue(e.detail().contains("title"), e.detail());
        assertTrue(e.detail().contains("text"), e.detail());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2019-13-01T00:00:00Z", "2019-01-01", "2019-01-01T00:00:00",
            "1546300800", "", "-5000-01-01T00:00:00Z", "2019-01-01T00:00:00.0000001Z"})
    void badTimestampsAreRefused(String timestamp) {
        assertEquals(IngestProblem.INVALID_TIMESTAMP, refused(request("Title", "text", timestamp)).kind());
    }

    @Test
    void microsecondsAreKept() {
        assertEquals(Instant.parse("2019-01-01T00:00:00.123456Z"),
                validator.validate("k", request("Title", "text", "2019-01-01T00:00:00.123456Z")).timestamp());
    }

    @Test
    void futureBeyondClockSkewIsRefusedWithinIsAccepted() {
        assertEquals(IngestProblem.INVALID_TIMESTAMP,
                refused(request("Title", "text", NOW.plus(Duration.ofMinutes(6)).toString())).kind());
        assertEquals(NOW.plusSeconds(60),
                validator.validate("k", request("Title", "text", NOW.plusSeconds(60).toString())).timestamp());
    }

    @Test
    void textThatCannotBeStoredExactlyIsRefused() {
        assertTrue(refused(request("Title", "a\0b", null)).detail().contains("NUL"));
        assertTrue(refused(request("Title", "a\uD800b", null)).detail().contains("surrogate"));
        assertTrue(refused(request("Title", "a\uDC00", null)).detail().contains("surrogate"));
    }

    @Test
    void astralCharactersAndChineseAreFine() {
        String text = "工人声援团 \uD83D\uDE00\n";
        assertEquals(text, validator.validate("k", request("JASIC 佳士", text, null)).text());
    }

    @Test
    void titleLimits() {
        assertTrue(refused(request("x".repeat(256), "text", null)).detail().contains("255 bytes"));
        // 85 three-byte characters = 255 bytes: allowed; 86 are not
        validator.validate("k", request("工".repeat(85), "text", null));
        refused(request("工".repeat(86), "text", null));
        assertTrue(refused(request("a\tb", "text", null)).detail().contains("control"));
    }

    @Test
    void nonPositiveSourceRevisionIdIsRefused() {
        var request = new SubmitRevisionRequest("T", "text", null, null, null, 0L);
        assertTrue(refused(request).detail().contains("sourceRevisionId"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "../etc/passwd", "a/b", "-leading-dash", "key;drop", "é"})
    void badArticleKeysAreRefused(String key) {
        ProblemException e = assertThrows(ProblemException.class,
                () -> validator.validate(key, request("T", "text", null)));
        assertEquals(IngestProblem.INVALID_ARTICLE_KEY, e.kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"enwiki:12345", "jasic-workers-solidarity-group", "a", "x.y_z~1"})
    void goodArticleKeys(String key) {
        assertEquals(key, validator.validate(key, request("T", "text", null)).articleKey());
    }
}
