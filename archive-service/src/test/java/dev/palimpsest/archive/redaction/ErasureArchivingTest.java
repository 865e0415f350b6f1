package dev.palimpsest.archive.redaction;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.RedactionRejected;
import dev.palimpsest.events.RevisionRedacted;
import dev.palimpsest.events.RevisionRedactionRequested;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.TextKeyState;
import dev.palimpsest.events.TextsArchived;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.kafka.EventDeserializer;
import dev.palimpsest.textstore.PackCodec;
import dev.palimpsest.textstore.sealed.SealedPack;
import dev.palimpsest.textstore.sealed.TextKey;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.palimpsest.archive.redaction.ErasureFixtures.PATIENCE;
import static dev.palimpsest.archive.redaction.ErasureFixtures.archived;
import static dev.palimpsest.archive.redaction.ErasureFixtures.awaitAnswer;
import static dev.palimpsest.archive.redaction.ErasureFixtures.erasure;
import static dev.palimpsest.archive.redaction.ErasureFixtures.log;
import static dev.palimpsest.archive.redaction.ErasureFixtures.publish;
import static dev.palimpsest.archive.redaction.ErasureFixtures.revision;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Erasure on the real stack (ADR 0042): the archive seals what the article keeps again under its next key and ships
 * it, answers with the erasure (every revision that had the text), destroys the old key in its database and on the
 * keys topic; the hash chain still verifies. An article with texts stored in clear cannot be erased.
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))
class ErasureArchivingTest {

    @Inject
    DataSource dataSource;

    private static Map<String, TextKeyState> keysTopic() {
        Map<String, TextKeyState> latest = new HashMap<>();
        log().readAll(Topics.TEXT_KEYS, new EventDeserializer.TextKeyStateDeserializer())
                .forEach(record -> latest.put(record.key(), record.value()));
        return latest;
    }

    private List<String> column(String sql, String articleKey) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, articleKey);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }

    @Test
    void anErasureResealsWhatTheArticleKeepsDestroysTheOldKeyAndTheChainStillVerifies() throws Exception {
        String key = "erase-" + UUID.randomUUID();
        String first = "The group was founded in 2018.\n";
        String libel = "The group was founded in 2018. ERASE-MARKER-" + UUID.randomUUID() + " is a criminal.\n";
        String later = "The group was founded in 2018 by students.\n";
        // vandalism, its revert, the vandalism again: two revisions carry the text to erase
        List<RevisionSubmitted> history = List.of(revision(key, 1, first), revision(key, 2, libel),
                revision(key, 3, first), revision(key, 4, libel), revision(key, 5, later));
        history.forEach(edit -> publish(key, edit));
        awaitAnswer(key, history.get(4).meta().id());

        String keyTableFile = column("SELECT pg_relation_filenode('text_key') WHERE ? IS NOT NULL", key).get(0);
        RevisionRedactionRequested request = erasure(key, 2);
        publish(key, request);
        RevisionRedacted erased = assertInstanceOf(RevisionRedacted.class, awaitAnswer(key, request.meta().id()));

        assertEquals(new RevisionRedacted.Erasure(2, List.of(2, 4)), erased.erasure());
        // the keys topic: the new key, then the old one's marker of destruction (after what it re-sealed)
        Map<String, TextKeyState> keys = await().atMost(PATIENCE).until(ErasureArchivingTest::keysTopic,
                latest -> latest.containsKey(TextKeyState.topicKey(key, 1))
                        && latest.get(TextKeyState.topicKey(key, 1)).isDestroyed());
        assertEquals(request.meta().id(), keys.get(TextKeyState.topicKey(key, 1)).destroyedBy());
        // the key table rewritten, so no page keeps the destroyed key's row (VACUUM FULL: a new file)
        await().atMost(PATIENCE).until(() -> column("SELECT pg_relation_filenode('text_key') WHERE ? IS NOT NULL",
                key).get(0), file -> !file.equals(keyTableFile));
        TextKey newKey = new TextKey(2, keys.get(TextKeyState.topicKey(key, 2)).key());
        // what the article keeps, shipped again before the answer, sealed with the new key
        List<ArchiveEvent> topic = archived(key);
        List<TextsArchived> resealed = topic.stream().filter(TextsArchived.class::isInstance)
                .map(TextsArchived.class::cast).filter(pack -> request.meta().id().equals(pack.resealedFor()))
                .toList();
        assertEquals(1, resealed.size());
        assertTrue(topic.indexOf(resealed.get(0)) < topic.indexOf(erased), "shipped before the answer");
        assertEquals(2, resealed.get(0).keyEpoch());
        assertEquals(List.of(first, later), PackCodec.unpack(SealedPack.open(newKey, key,
                resealed.get(0).pack()).pack(), null), "every text but the erased one, in order");

        // the archive: one key left, every pack sealed with it, the erased text's row says who erased it
        assertEquals(List.of("2"), column("SELECT epoch FROM text_key WHERE article_key = ?", key));
        assertEquals(List.of("2"), column("SELECT DISTINCT key_epoch FROM text_pack WHERE article_key = ?", key));
        assertEquals(List.of(request.meta().id().toString()), column(
                "SELECT erased_by FROM content WHERE article_key = ? AND pack_id IS NULL", key));
        assertEquals(List.of("ERASED"), column("SELECT outcome FROM redaction WHERE article_key = ?", key));

        JsonPath verification = given().get("/articles/{key}/verification", key).then().statusCode(200).extract()
                .jsonPath();
        assertTrue(verification.getBoolean("verified"), verification::prettify);
        assertEquals(5, verification.getInt("recordsChecked"));

        // erased again (through the other revision that had it): still erased, at the same key
        RevisionRedactionRequested again = erasure(key, 4);
        publish(key, again);
        RevisionRedacted twice = assertInstanceOf(RevisionRedacted.class, awaitAnswer(key, again.meta().id()));
        assertEquals(new RevisionRedacted.Erasure(2, List.of(2, 4)), twice.erasure());
        assertEquals(List.of("2"), column("SELECT epoch FROM text_key WHERE article_key = ?", key));
    }

    @Test
    void anArticleWithTextsStoredInClearCannotBeErasedAndATextHiddenAtTheSourceHasNoneToErase() throws Exception {
        String key = "erase-clear-" + UUID.randomUUID();
        RevisionSubmitted only = revision(key, 1, "stored before texts were sealed\n");
        publish(key, only);
        awaitAnswer(key, only.meta().id());
        // as a pack written by the version before sealing is
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE text_pack SET key_epoch = NULL WHERE article_key = ?")) {
            update.setString(1, key);
            update.executeUpdate();
        }
        RevisionRedactionRequested request = erasure(key, 1);
        publish(key, request);

        RedactionRejected rejected = assertInstanceOf(RedactionRejected.class, awaitAnswer(key, request.meta().id()));
        assertTrue(rejected.detail().contains("before texts were sealed"), rejected.detail());
        assertEquals(List.of("1"), column("SELECT epoch FROM text_key WHERE article_key = ?", key),
                "nothing re-sealed, no key destroyed");
        assertFalse(keysTopic().containsKey(TextKeyState.topicKey(key, 2)));
        assertNull(keysTopic().get(TextKeyState.topicKey(key, 1)) == null ? null
                : keysTopic().get(TextKeyState.topicKey(key, 1)).destroyedAt());
    }
}
