package dev.palimpsest.e2e;

import dev.palimpsest.client.ingest.api.RedactionResourceApi;
import dev.palimpsest.client.ingest.api.SubmissionResourceApi;
import dev.palimpsest.client.ingest.model.RedactRevisionRequest;
import dev.palimpsest.client.ingest.model.SubmissionReceipt;
import dev.palimpsest.client.ingest.model.SubmitRevisionRequest;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.e2e.Cli.Run;
import dev.palimpsest.tlog.Checkpoint;
import dev.palimpsest.tlog.NoteSigner;
import dev.palimpsest.tlog.NoteVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transparency log through the whole stack (ADR 0040): revisions archived from real submissions are proven by
 * {@code ./palimpsest verify} with nothing but the log's verifier key, a redacted one too (by its text's
 * commitment); a comment changed and a revision dropped directly in the read model's PostgreSQL are caught and named;
 * a log whose past was rewritten (a second signed head of the same size) is refused.
 */
class ProvableHistoryTest {

    private static final String KEY = "e2e-provable";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final PalimpsestStack stack = SharedStack.get();
    private final StackClient client = new StackClient(stack);

    @Test
    void revisionsAreProvenAndTamperingIsCaughtWhereItHappened(@TempDir Path state) throws Exception {
        SubmissionReceipt last = null;
        for (int n = 1; n <= 4; n++) {
            last = client.ingest().submissions().submitRevision(SubmissionResourceApi.APISubmitRevisionRequest
                    .newBuilder().key(KEY).submitRevisionRequest(new SubmitRevisionRequest().title("Provable")
                            .text("Revision " + n + " of a provable history, ünïcødé.\n")
                            .timestamp("2024-0" + n + "-01T00:00:00Z").author("e2e").comment("edit " + n)).build());
        }
        String lastId = last.getEventId().toString();
        await().atMost(PATIENCE).until(() -> client.query().archivedRevision(KEY, UUID.fromString(lastId)),
                Optional::isPresent);
        client.adminIngest().redactions().redactRevision(RedactionResourceApi.APIRedactRevisionRequest.newBuilder()
                .key(KEY).n(4).redactRevisionRequest(new RedactRevisionRequest().reason("e2e: personal data"))
                .build());

        Path key = stack.devStack().logKey().verifierKeyFile();
        Run proven = verifyOnceProvable(key, state);
        assertEquals(0, proven.exit(), proven.out() + proven.err());
        for (int n = 1; n <= 3; n++) {
            assertTrue(proven.out().contains("revision " + n + "  ok  leaf "), proven.out());
        }
        assertTrue(proven.out().contains("revision 4  ok  ") && proven.out().contains("its text is not served (redacted, the service says)"),
                proven.out());
        assertTrue(proven.out().contains("verified 4 revision(s) of " + KEY), proven.out());
        assertTrue(proven.out().contains("checkpoint covering every log of palimpsest.local/log"), proven.out());

        // the read model changed behind the service's back: a comment rewritten, a revision dropped
        try (Connection query = connect("query"); Statement sql = query.createStatement()) {
            sql.executeUpdate("UPDATE revision SET comment = 'nothing happened' WHERE article_key = '" + KEY
                    + "' AND rev_seq = 2");
            sql.executeUpdate("DELETE FROM revision WHERE article_key = '" + KEY + "' AND rev_seq = 3");
        }
        Run tampered = verify(key, state);
        assertEquals(1, tampered.exit(), tampered.out());
        assertTrue(tampered.out().contains("revision 1  ok  "), tampered.out());
        assertTrue(tampered.out().contains("revision 2  FAILED  its fields are not those of leaf "), tampered.out());
        assertTrue(tampered.out().contains("revision 3  MISSING  the history skips it"), tampered.out());
        assertTrue(tampered.out().contains("2 of 4 revision(s) of " + KEY + " FAILED verification"), tampered.out());

        // a verifier that kept a head of the same size with another root: the log's past was rewritten
        Path kept;
        try (var files = Files.walk(state.resolve("log-checkpoints"))) {
            // a log's own checkpoint (origin <log name>/<id>), not the one covering every log (origin <log name>)
            kept = files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().matches(".*%2F\\d+")).findFirst().orElseThrow();
        }
        String note = Files.readString(kept, StandardCharsets.UTF_8);
        NoteSigner signer = NoteSigner.of(Files.readString(stack.devStack().logKey().signingKeyFile()).strip());
        Checkpoint head = Checkpoint.parse(NoteVerifier.of(signer.verifierKey()).open(note));
        byte[] otherRoot = head.rootHash();
        otherRoot[0] ^= 1;
        Files.writeString(kept, signer.sign(new Checkpoint(head.origin(), head.size(), otherRoot).body()));
        Run forked = verify(key, state);
        assertEquals(1, forked.exit(), forked.out());
        assertTrue(forked.err().contains("REFUSED: " + head.origin() + " was forked or its past rewritten"),
                forked.err());
    }

    private Connection connect(String database) throws SQLException {
        var infrastructure = stack.devStack().infrastructure();
        return DriverManager.getConnection(infrastructure.jdbcUrl(database), infrastructure.databaseUser(),
                infrastructure.databasePassword());
    }

    private Run verify(Path key, Path state) {
        return verify(stack, KEY, key, state);
    }

    static Run verify(PalimpsestStack stack, String article, Path key, Path state) {
        return new Cli(stack, null).run("verify", article, "--key-file", key.toString(), "--state-dir",
                state.toString());
    }

    /** Verifies once the revisions are covered by a signed checkpoint (seconds after they are archived). */
    private Run verifyOnceProvable(Path key, Path state) {
        return verifyOnceProvable(stack, KEY, key, state, run -> run.out().contains("redacted")
                && run.out().contains("checkpoint covering every log of "));
    }

    /**
     * {@code verify} of {@code article}, run again until no revision is "not proven" (none is until a signed
     * checkpoint covers it, seconds after it is archived) and {@code ready} holds.
     */
    static Run verifyOnceProvable(PalimpsestStack stack, String article, Path key, Path state,
                                  java.util.function.Predicate<Run> ready) {
        AtomicReference<Run> run = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            run.set(verify(stack, article, key, state));
            return !run.get().out().contains("NOT PROVEN") && ready.test(run.get());
        });
        return run.get();
    }
}
