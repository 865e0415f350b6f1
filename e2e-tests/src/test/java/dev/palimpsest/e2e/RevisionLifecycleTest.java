package dev.palimpsest.e2e;

import dev.palimpsest.client.ProblemBodies;
import dev.palimpsest.client.ingest.api.SubmissionResourceApi;
import dev.palimpsest.client.ingest.model.SubmissionReceipt;
import dev.palimpsest.client.ingest.model.SubmitRevisionRequest;
import dev.palimpsest.client.query.ApiException;
import dev.palimpsest.client.query.model.RevisionSummary;
import dev.palimpsest.devstack.launcher.SeedArticle;
import dev.palimpsest.events.ContentHash;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The whole stack as a user meets it, through the generated clients: the seed article and an edited revision go in
 * through ingest, travel through Kafka and the archive, and come out of query-service byte for byte, at the right
 * point in time, once each.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RevisionLifecycleTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static final Instant FIRST_EDIT = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant SECOND_EDIT = Instant.parse("2024-06-01T00:00:00Z");

    private static StackClient client;
    private static SeedArticle seed;
    private static String editedText;

    @BeforeAll
    static void startTheStack() {
        client = new StackClient(SharedStack.get());
        seed = SeedArticle.read(SharedStack.home());
        editedText = seed.text().replace("student-led labour movement", "student-led labor movement")
                + "\nAn added closing line, with 中文 too.\n";
        assertNotEquals(seed.text(), editedText, "the edit must change the text");
    }

    @Test
    @Order(1)
    void bothRevisionsAreAcceptedAndArchivedInOrder() throws Exception {
        SubmissionReceipt first = submit(seed.text(), FIRST_EDIT, "first import");
        assertEquals(seed.sha1(), first.getRevSha1());
        submit(editedText, SECOND_EDIT, "spelling");

        // the receipt's submission id follows the submission to the archived revision
        Integer revision = await().atMost(PATIENCE).until(() -> archivedRevision(first), Optional::isPresent)
                .orElseThrow();
        assertEquals(1, revision);

        List<RevisionSummary> history = await().atMost(PATIENCE).until(this::historyAscending, h -> h.size() == 2);
        assertEquals(FIRST_EDIT, history.get(0).getRevTimestamp().toInstant());
        assertEquals(seed.sha1(), history.get(0).getRevSha1());
        assertEquals(ContentHash.sha1Hex(editedText), history.get(1).getRevSha1());
        assertEquals(List.of(1, 2), history.stream().map(RevisionSummary::getRevSeq).toList());
    }

    @Test
    @Order(2)
    void asOfBetweenTheEditsIsTheSeedByteForByte() throws Exception {
        byte[] between = client.query().asOfText(seed.key(), FIRST_EDIT.plus(Duration.ofDays(30)));
        assertEquals(seed.sha1(), ContentHash.sha1Hex(between));
        assertEquals(seed.sha1(), ContentHash.sha1Hex(seed.bytes()), "the seed file itself");
        assertArrayEquals(seed.bytes(), between);
        assertEquals(seed.sha1(), ContentHash.sha1Hex(client.query().asOfText(seed.key(), FIRST_EDIT)),
                "at the instant of the edit");
    }

    @Test
    @Order(3)
    void asOfAfterTheSecondEditIsTheEditedText() throws Exception {
        assertEquals(ContentHash.sha1Hex(editedText),
                ContentHash.sha1Hex(client.query().asOfText(seed.key(), Instant.now())));
    }

    @Test
    @Order(4)
    void asOfBeforeTheFirstEditIsAProblem() {
        ApiException before = assertThrows(ApiException.class,
                () -> client.query().asOfText(seed.key(), FIRST_EDIT.minusSeconds(1)));
        assertEquals(404, before.getCode());
        assertEquals("application/problem+json", before.getResponseHeaders().firstValue("Content-Type")
                .orElse("").split(";")[0]);
        assertEquals("https://palimpsest.dev/problems/no-revision-at-time",
                ProblemBodies.type(before.getResponseBody()));
    }

    @Test
    @Order(5)
    void resubmittingTheSameRevisionStoresNothingNew() throws Exception {
        SubmissionReceipt again = submit(seed.text(), FIRST_EDIT, "first import");
        Integer revision = await().atMost(PATIENCE).until(() -> archivedRevision(again), Optional::isPresent)
                .orElseThrow();
        assertEquals(1, revision, "the resubmission resolves to the revision already held");

        assertEquals(2, historyAscending().size());
        var archived = client.archiveStatus(seed.key());
        assertEquals(2, archived.get("revisionCount").asInt());
        assertEquals(3, archived.get("submissionCount").asInt(), "three submissions answered, two revisions stored");
    }

    private SubmissionReceipt submit(String text, Instant timestamp, String comment) throws Exception {
        return client.ingest().submissions().submitRevision(SubmissionResourceApi.APISubmitRevisionRequest
                .newBuilder().key(seed.key()).submitRevisionRequest(new SubmitRevisionRequest().title(seed.title())
                        .text(text).timestamp(timestamp.toString()).author("e2e").comment(comment)).build());
    }

    private static Optional<Integer> archivedRevision(SubmissionReceipt receipt) throws Exception {
        return client.query().archivedRevision(seed.key(), receipt.getEventId());
    }

    private List<RevisionSummary> historyAscending() throws Exception {
        return client.revisionCount(seed.key()) == 0 ? List.of() : client.history(seed.key());
    }
}
