package dev.palimpsest.ingest.revision;

import dev.palimpsest.events.ArticleKey;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.Sha1Base36;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.ingest.IngestProblem;
import dev.palimpsest.ingest.mediawiki.DumpRevision;
import dev.palimpsest.ingest.submission.SubmitRevisionRequest;
import dev.palimpsest.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RevisionFactoryTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final RevisionFactory factory =
            new RevisionFactory(new RevisionRules(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5), 1000));

    private static SubmitRevisionRequest request(String title, String text, String timestamp) {
        return new SubmitRevisionRequest(title, text, timestamp, "Editor", "a comment", 42L);
    }

    private ProblemException refused(SubmitRevisionRequest request) {
        return assertThrows(ProblemException.class, () -> submitted("enwiki:1", request));
    }

    private RevisionSubmitted submitted(String key, SubmitRevisionRequest request) {
        return factory.submitted(RevisionRules.requireValidArticleKey(key), request, null, null);
    }

    @Test
    void acceptsACompleteRevisionAndKeepsItsFields() {
        RevisionSubmitted valid = submitted("enwiki:1", request("Title", "text\n", "2019-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2019-01-01T00:00:00Z"), valid.provenance().revTimestamp());
        assertEquals("text\n", valid.mainText().string());
        assertEquals(42L, valid.provenance().revId());
        assertEquals("rev:42", valid.idempotencyKey());
        assertEquals(5, valid.mainText().length());
        assertEquals("Editor", valid.provenance().performer().userText());
    }

    @Test
    void dateOfReceiptWhenNoTimestamp() {
        RevisionSubmitted valid = submitted("k", new SubmitRevisionRequest("Title", "text", null, null, null, null));
        assertEquals(NOW, valid.provenance().revTimestamp());
        assertEquals("event:" + valid.meta().id(), valid.idempotencyKey(), "an undated edit is keyed by itself");
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
                submitted("k", request("Title", "text", "2019-01-01T00:00:00.123456Z")).provenance().revTimestamp());
    }

    @Test
    void futureBeyondClockSkewIsRefusedWithinIsAccepted() {
        assertEquals(IngestProblem.INVALID_TIMESTAMP,
                refused(request("Title", "text", NOW.plus(Duration.ofMinutes(6)).toString())).kind());
        assertEquals(NOW.plusSeconds(60),
                submitted("k", request("Title", "text", NOW.plusSeconds(60).toString())).provenance().revTimestamp());
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
        assertEquals(text, submitted("k", request("JASIC 佳士", text, null)).mainText().string());
    }

    @Test
    void titleLimits() {
        assertTrue(refused(request("x".repeat(256), "text", null)).detail().contains("255 bytes"));
        // 85 three-byte characters = 255 bytes: allowed; 86 are not
        submitted("k", request("工".repeat(85), "text", null));
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
                () -> submitted(key, request("T", "text", null)));
        assertEquals(IngestProblem.INVALID_ARTICLE_KEY, e.kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"enwiki:12345", "jasic-workers-solidarity-group", "a", "x.y_z~1"})
    void goodArticleKeys(String key) {
        assertEquals(key, submitted(key, request("T", "text", null)).articleKey());
        assertEquals(key, new ArticleKey(key).value());
    }

    // an imported revision meets the same rules, in the same words; it is rejected alone instead of answered

    private static DumpRevision dumped(String text, String comment, Instant timestamp, String sha1Base36) {
        return new DumpRevision("enwiki", 12, 0, "Anarchism", 7L, 6L, timestamp, timestamp.toString(),
                dev.palimpsest.events.Performer.named("Editor"), false, comment, false, false, "wikitext",
                "text/x-wiki", text, true, false, sha1Base36, List.of());
    }

    private RevisionFactory.Outcome imported(DumpRevision revision) {
        return factory.imported(revision, "import-1", null);
    }

    @Test
    void anImportedRevisionBecomesTheSameEventAsASubmissionWouldPlusItsSource() {
        RevisionFactory.Outcome outcome = imported(dumped("text\n", "c", Instant.parse("2019-01-01T00:00:00Z"),
                Sha1Base36.fromHex(ContentHash.sha1Hex("text\n"))));
        RevisionSubmitted event = outcome.event();
        assertEquals(List.of(), outcome.violations());
        assertEquals("enwiki:12", event.articleKey());
        assertEquals("rev:7", event.idempotencyKey(), "keyed by its source revision id, as a submission naming one");
        assertEquals(ContentHash.sha1Hex("text\n"), event.mainText().sha1());
        assertEquals(5, event.mainText().length());
        assertEquals("import-1", event.source().importId());
        assertEquals("import:import-1", event.meta().requestId());
    }

    @Test
    void aBrokenRuleIsWordedAlikeThroughBothDoors() {
        String comment = "c".repeat(1001);
        ProblemException submitted = refused(new SubmitRevisionRequest("T", "text", null, null, comment, null));
        RevisionFactory.Outcome imported = imported(dumped("text", comment, Instant.parse("2019-01-01T00:00:00Z"),
                null));
        assertNull(imported.event());
        assertEquals(submitted.detail(), imported.reason());
        assertEquals(List.of(submitted.kind()), imported.violations().stream().map(v -> v.kind()).toList());
    }

    @Test
    void theSameTimestampAndSizeRulesHoldForImports() {
        RevisionFactory.Outcome future = imported(dumped("text", null, NOW.plus(Duration.ofHours(1)), null));
        assertEquals(IngestProblem.INVALID_TIMESTAMP, future.violations().get(0).kind());
        assertTrue(future.reason().contains("lies in the future"), future.reason());
        RevisionFactory.Outcome large = imported(dumped("x".repeat(1001), null, Instant.parse("2019-01-01T00:00:00Z"),
                null));
        assertEquals("the text is larger than the limit of 1000 bytes", large.reason());
    }

    @Test
    void anImportMayRecordABlankedPageASubmissionMayNotSendNothing() {
        assertEquals("", imported(dumped("", null, Instant.parse("2019-01-01T00:00:00Z"),
                null)).event().mainText().string());
        assertTrue(refused(request("Title", "", null)).detail().contains("text: required"));
    }

    @Test
    void anImportedTextThatIsNotTheOneItsSourceHashedIsRefused() {
        RevisionFactory.Outcome outcome = imported(dumped("text", null, Instant.parse("2019-01-01T00:00:00Z"),
                Sha1Base36.fromHex(ContentHash.sha1Hex("other"))));
        assertNull(outcome.event());
        assertTrue(outcome.reason().startsWith("the text does not match the dump's own sha1"), outcome.reason());
    }

    @Test
    void anImportedPageWhoseKeyIsNoArticleKeyIsRefused() {
        DumpRevision valid = dumped("text", null, Instant.parse("2019-01-01T00:00:00Z"), null);
        DumpRevision spaced = new DumpRevision("en wiki", valid.pageId(), 0, valid.pageTitle(), valid.revId(),
                null, valid.timestamp(), valid.timestampText(), null, false, null, false, false, null, null,
                valid.text(), true, false, null, List.of());
        RevisionFactory.Outcome outcome = imported(spaced);
        assertEquals(IngestProblem.INVALID_ARTICLE_KEY, outcome.violations().get(0).kind());
    }
}
