package dev.palimpsest.e2e;

import dev.palimpsest.client.ProblemBodies;
import dev.palimpsest.client.ingest.api.RedactionResourceApi;
import dev.palimpsest.client.ingest.api.SubmissionResourceApi;
import dev.palimpsest.client.ingest.model.RedactRevisionRequest;
import dev.palimpsest.client.ingest.model.RedactionReceipt;
import dev.palimpsest.client.ingest.model.SubmissionReceipt;
import dev.palimpsest.client.ingest.model.SubmitRevisionRequest;
import dev.palimpsest.client.query.ApiException;
import dev.palimpsest.client.query.api.RevisionResourceApi;
import dev.palimpsest.client.query.model.RedactionStatus;
import dev.palimpsest.client.query.model.Revision;
import dev.palimpsest.events.ContentHash;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A redaction through the whole stack (ADR 0013), through the generated clients: requested at ingest, recorded by
 * the archive, applied by query-service; the text then answers 410 everywhere, the metadata stays, and the archive's
 * hash chain still verifies.
 */
class RedactionLifecycleTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String KEY = "e2e-redaction";
    private static final String REDACTED = "https://palimpsest.dev/problems/revision-redacted";

    private final StackClient client = new StackClient(SharedStack.get());

    @Test
    void aRedactedRevisionsTextIsGoneFromEveryReadAndItsRecordStays() throws Exception {
        String secret = "Contact: Jane Doe, +1 555 0100, 12 Example Street\n";
        String cleaned = "Contact details removed.\n";
        SubmissionReceipt first = submit(secret, "2024-01-01T00:00:00Z");
        SubmissionReceipt second = submit(cleaned, "2024-02-01T00:00:00Z");
        await().atMost(PATIENCE).until(() -> client.query().archivedRevision(KEY, second.getEventId()),
                Optional::isPresent);
        assertEquals(1, client.query().archivedRevision(KEY, first.getEventId()).orElseThrow());

        RedactionReceipt receipt = redact(1, "personal data (address and phone number)");
        assertEquals(1, receipt.getRevSeq());
        assertTrue(receipt.getStatus().toString().endsWith("/articles/" + KEY + "/redactions/" + receipt.getEventId()),
                receipt.getStatus().toString());

        // the receipt's status follows the request to its outcome
        RedactionStatus status = await().atMost(PATIENCE)
                .until(() -> client.query().redactionStatus(KEY, receipt.getEventId()), Optional::isPresent)
                .orElseThrow();
        assertEquals(RedactionStatus.OutcomeEnum.REDACTED, status.getOutcome());
        assertEquals("personal data (address and phone number)", status.getReason());
        assertEquals("/articles/" + KEY + "/revisions/1", status.getRevision());
        assertNotNull(status.getRedactedAt());

        // the text is gone: 410 with the redaction's problem type, as text, as of its time, and in diffs
        assertGone(() -> client.query().revisionText(KEY, 1));
        assertGone(() -> client.query().asOfText(KEY, java.time.Instant.parse("2024-01-15T00:00:00Z")));
        assertGone(() -> client.query().diffText(KEY, "1", "2", null, "unified"));

        // the metadata stays, marked, without the text
        Revision metadata = client.query().revisions().getRevision(
                RevisionResourceApi.APIGetRevisionRequest.newBuilder().key(KEY).n(1).build());
        assertNull(metadata.getText());
        assertEquals(ContentHash.sha1Hex(secret), metadata.getRevSha1());
        assertEquals("personal data (address and phone number)", metadata.getRedacted().getReason());
        assertEquals(1, client.history(KEY).stream().filter(row -> row.getRedacted() != null).count());

        // the other revision is untouched, and the archive's chain over the original records still verifies
        assertArrayEquals(cleaned.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                client.query().revisionText(KEY, 2));
        var verification = client.archiveVerification(KEY);
        assertTrue(verification.get("verified").asBoolean(), verification.toString());
        assertEquals(1, client.archiveStatus(KEY).get("redactionCount").asInt());

        // a revision the article does not have: the request is accepted into the log, and rejected by the archive
        RedactionReceipt beyond = redact(9, "a typo in the number");
        RedactionStatus rejected = await().atMost(PATIENCE)
                .until(() -> client.query().redactionStatus(KEY, beyond.getEventId()), Optional::isPresent)
                .orElseThrow();
        assertEquals(RedactionStatus.OutcomeEnum.REJECTED, rejected.getOutcome());
        assertEquals("article '" + KEY + "' has no revision 9; its revisions are 1 to 2", rejected.getDetail());
    }

    private interface Read {
        Object run() throws Exception;
    }

    private static void assertGone(Read read) {
        ApiException gone = assertThrows(ApiException.class, read::run);
        assertEquals(410, gone.getCode(), gone.getResponseBody());
        assertEquals(REDACTED, ProblemBodies.type(gone.getResponseBody()));
    }

    private SubmissionReceipt submit(String text, String timestamp) throws Exception {
        return client.ingest().submissions().submitRevision(SubmissionResourceApi.APISubmitRevisionRequest
                .newBuilder().key(KEY).submitRevisionRequest(new SubmitRevisionRequest().title("Redaction e2e")
                        .text(text).timestamp(timestamp).author("e2e")).build());
    }

    private RedactionReceipt redact(int revSeq, String reason) throws Exception {
        return client.adminIngest().redactions().redactRevision(RedactionResourceApi.APIRedactRevisionRequest
                .newBuilder().key(KEY).n(revSeq).redactRevisionRequest(new RedactRevisionRequest().reason(reason))
                .build());
    }
}
