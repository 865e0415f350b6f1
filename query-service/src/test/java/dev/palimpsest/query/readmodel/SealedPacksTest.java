package dev.palimpsest.query.readmodel;

import dev.palimpsest.consumer.TransientFailureRetry;
import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.RevisionRedacted;
import dev.palimpsest.events.TextKeyState;
import dev.palimpsest.events.TextsArchived;
import dev.palimpsest.events.Topics;
import dev.palimpsest.query.sealing.TextKeyIntake;
import dev.palimpsest.textstore.PackCodec;
import dev.palimpsest.textstore.sealed.SealedPack;
import dev.palimpsest.textstore.sealed.TextKey;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static dev.palimpsest.query.ArchiveLog.uniqueArticleKey;
import static dev.palimpsest.query.readmodel.TextPacksTest.article;
import static dev.palimpsest.query.readmodel.TextPacksTest.named;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Packs shipped sealed with their article's key (ADR 0042): stored sealed as shipped and opened with the key the keys
 * topic delivered, each text's salt served for its proof; re-sealed with the same key and salts when a redaction
 * rewrites them; a pack whose key has not arrived holds its batch back, one whose key was destroyed is skipped.
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "query"))
class SealedPacksTest {

    @Inject
    ReadModelWriter writer;

    @Inject
    TextPacks textPacks;

    @Inject
    TextKeyIntake keyIntake;

    @Inject
    EntityManager database;

    private void deliver(TextKeyState state) {
        keyIntake.receive(new ConsumerRecord<>(Topics.TEXT_KEYS, 0, 0,
                TextKeyState.topicKey(state.articleKey(), state.epoch()), state));
    }

    private static TextsArchived sealed(String key, TextKey textKey, int firstRevSeq, String base, List<byte[]> salts,
                                        String... texts) {
        byte[] pack = PackCodec.pack(List.of(texts), base);
        return new TextsArchived(TextsArchived.SCHEMA, EventMeta.now(Topics.REVISIONS_ARCHIVED, null),
                UUID.randomUUID(), key, firstRevSeq, base == null ? null : ContentHash.sha1Hex(base),
                List.of(texts).stream().map(ContentHash::sha1Hex).toList(),
                List.of(texts).stream().map(text -> text.getBytes(StandardCharsets.UTF_8).length).toList(),
                SealedPack.seal(textKey, key, salts, pack), textKey.epoch());
    }

    private Object[] storedPack(UUID packId) {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) database.createNativeQuery(
                "SELECT bytes, key_epoch FROM text_pack WHERE pack_id = ?1").setParameter(1, packId)
                .getSingleResult());
    }

    @Test
    void aSealedPackIsStoredAsShippedOpenedWithItsKeyAndResealedWhenARedactionRewritesIt() {
        String key = uniqueArticleKey("sealed");
        TextKey textKey = TextKey.fresh(1);
        deliver(TextKeyState.held(key, 1, textKey.bytes()));
        String a = article("s", 1);
        String secret = article("s", 2) + "MARKER-SEALED call 555-0100\n";
        String c = article("s", 3);
        List<byte[]> salts = List.of(SealedPack.newSalt(), SealedPack.newSalt(), SealedPack.newSalt());
        TextsArchived pack = sealed(key, textKey, 1, null, salts, a, secret, c);
        writer.applyAll(List.of(pack, named(key, 1, a), named(key, 2, secret), named(key, 3, c)))
                .forEach(applied -> assertNull(applied.refusal(), () -> applied.refusal().getMessage()));

        List<String> expected = List.of(a, secret, c);
        for (int revSeq = 1; revSeq <= 3; revSeq++) {
            given().accept("text/plain").get("/articles/{key}/revisions/{n}", key, revSeq).then().statusCode(200)
                    .body(equalTo(expected.get(revSeq - 1)));
        }
        Object[] stored = storedPack(pack.meta().id());
        assertArrayEquals(pack.pack(), (byte[]) stored[0], "stored sealed, as shipped");
        assertEquals(1, ((Number) stored[1]).intValue());
        assertFalse(new String((byte[]) stored[0], StandardCharsets.ISO_8859_1).contains("MARKER-SEALED"));
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(salts.get(i), textPacks.textSalt(key, ContentHash.sha1Hex(expected.get(i))).orElseThrow(),
                    "the salt sealed with text " + i);
        }

        writer.apply(new RevisionRedacted(RevisionRedacted.SCHEMA, EventMeta.now(Topics.REVISIONS_ARCHIVED, null),
                UUID.randomUUID(), key, 2, "personal data", Performer.named("Admin"),
                Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(1),
                Instant.now().truncatedTo(ChronoUnit.MICROS)));

        given().accept("text/plain").get("/articles/{key}/revisions/2", key).then().statusCode(410);
        given().accept("text/plain").get("/articles/{key}/revisions/3", key).then().statusCode(200).body(equalTo(c));
        assertTrue(textPacks.textSalt(key, ContentHash.sha1Hex(secret)).isEmpty(), "its salt went with it");
        assertArrayEquals(salts.get(2), textPacks.textSalt(key, ContentHash.sha1Hex(c)).orElseThrow(),
                "the texts kept keep their salts");
        @SuppressWarnings("unchecked")
        List<Object[]> packs = QuarkusTransaction.requiringNew().call(() -> database.createNativeQuery(
                "SELECT bytes, key_epoch FROM text_pack WHERE article_key = ?1").setParameter(1, key).getResultList());
        assertEquals(1, packs.size(), "rewritten without the redacted text");
        assertEquals(1, ((Number) packs.get(0)[1]).intValue(), "sealed again with the same key");
        assertEquals(List.of(a, c), PackCodec.unpack(SealedPack.open(textKey, key, (byte[]) packs.get(0)[0]).pack(),
                null));
    }

    @Test
    void aPackWhoseKeyHasNotArrivedHoldsItsBatchBackAndOneWhoseKeyWasDestroyedIsSkipped() {
        String key = uniqueArticleKey("keyless");
        TextKey textKey = TextKey.fresh(1);
        String text = article("k", 1);
        TextsArchived pack = sealed(key, textKey, 1, null, List.of(SealedPack.newSalt()), text);

        assertThrows(TransientFailureRetry.NotYet.class, () -> writer.applyAll(List.of(pack, named(key, 1, text))),
                "waited for, then retried like a database outage");

        deliver(TextKeyState.held(key, 1, textKey.bytes()));
        deliver(TextKeyState.destroyed(key, 1, Instant.now(), UUID.randomUUID()));
        List<ReadModelWriter.Applied> applied = writer.applyAll(List.of(pack));
        assertEquals(ReadModelWriter.Outcome.ALREADY_APPLIED, applied.get(0).outcome(),
                "a pack sealed with a destroyed key stores nothing");
        assertTrue(textPacks.text(key, ContentHash.sha1Hex(text)).isEmpty());
        assertTrue(QuarkusTransaction.requiringNew().call(() -> database.createNativeQuery(
                "SELECT key IS NULL FROM read_model_keys.text_key WHERE article_key = ?1").setParameter(1, key)
                .getSingleResult()).equals(Boolean.TRUE), "the key's bytes are gone, its row says it was destroyed");
    }

    @Test
    void anErasureReplacesThePacksWithThoseSealedWithTheNewKeyAndMarksEveryRevisionThatHadTheText() {
        String key = uniqueArticleKey("erasure");
        TextKey first = TextKey.fresh(1);
        TextKey second = TextKey.fresh(2);
        String a = article("e", 1);
        String libel = article("e", 2) + "ERASE-MARKER is a criminal\n";
        String c = article("e", 3);
        byte[] saltA = SealedPack.newSalt();
        byte[] saltC = SealedPack.newSalt();
        UUID request = UUID.randomUUID();
        List<dev.palimpsest.events.ArchiveEvent> events = List.of(
                sealed(key, first, 1, null, List.of(saltA, SealedPack.newSalt(), saltC), a, libel, c),
                named(key, 1, a), named(key, 2, libel), named(key, 3, a), named(key, 4, libel), named(key, 5, c),
                resealed(key, second, request, saltA, saltC, a, c),
                new RevisionRedacted(RevisionRedacted.SCHEMA, EventMeta.now(Topics.REVISIONS_ARCHIVED, null), request,
                        key, 2, "libel (court order)", Performer.named("Admin"),
                        Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(1),
                        Instant.now().truncatedTo(ChronoUnit.MICROS), null,
                        new RevisionRedacted.Erasure(2, List.of(2, 4))));
        deliver(TextKeyState.held(key, 1, first.bytes()));
        deliver(TextKeyState.held(key, 2, second.bytes()));
        writer.applyAll(events).forEach(applied -> assertNull(applied.refusal(), () -> applied.refusal().getMessage()));
        Object keyTableFile = keyTableFile();
        deliver(TextKeyState.destroyed(key, 1, Instant.now(), request));
        assertErased(key, request, a, c, saltA);
        assertFalse(keyTableFile.equals(keyTableFile()), "the key table rewritten: no page keeps the destroyed key");

        // replayed from the topic after the erasure (a rebuild): what the destroyed key sealed is skipped, the
        // revisions naming it are kept, and the texts come with the new key
        QuarkusTransaction.requiringNew().run(() -> {
            for (String table : List.of("text", "text_pack", "revision_slot", "revision", "redaction", "submission",
                    "article")) {
                database.createNativeQuery("DELETE FROM " + table + " WHERE article_key = ?1")
                        .setParameter(1, key).executeUpdate();
            }
        });
        writer.applyAll(events).forEach(applied -> assertNull(applied.refusal(), () -> applied.refusal().getMessage()));
        assertErased(key, request, a, c, saltA);
    }

    private Object keyTableFile() {
        return QuarkusTransaction.requiringNew().call(() -> database.createNativeQuery(
                "SELECT pg_relation_filenode('read_model_keys.text_key')").getSingleResult());
    }

    private void assertErased(String key, UUID request, String a, String c, byte[] saltA) {
        for (int revSeq : new int[] {2, 4}) {
            given().accept("text/plain").get("/articles/{key}/revisions/{n}", key, revSeq).then().statusCode(410);
        }
        List<String> kept = List.of(a, a, c);
        int[] keptRevisions = {1, 3, 5};
        for (int i = 0; i < 3; i++) {
            given().accept("text/plain").get("/articles/{key}/revisions/{n}", key, keptRevisions[i]).then()
                    .statusCode(200).body(equalTo(kept.get(i)));
        }
        @SuppressWarnings("unchecked")
        List<Object> epochs = QuarkusTransaction.requiringNew().call(() -> database.createNativeQuery(
                "SELECT DISTINCT key_epoch FROM text_pack WHERE article_key = ?1").setParameter(1, key)
                .getResultList());
        assertEquals(List.of(2), epochs.stream().map(epoch -> ((Number) epoch).intValue()).toList(),
                "only packs sealed with the new key are left");
        @SuppressWarnings("unchecked")
        List<Object> erased = QuarkusTransaction.requiringNew().call(() -> database.createNativeQuery(
                "SELECT rev_seq FROM revision WHERE article_key = ?1 AND erased_by = ?2 ORDER BY rev_seq")
                .setParameter(1, key).setParameter(2, request).getResultList());
        assertEquals(List.of(2, 4), erased.stream().map(n -> ((Number) n).intValue()).toList());
        // the request's status says so: erased, from both revisions
        given().get("/articles/{key}/redactions/{id}", key, request).then().statusCode(200)
                .body("outcome", equalTo("redacted")).body("erased", equalTo(List.of(2, 4)));
        assertArrayEquals(saltA, textPacks.textSalt(key, ContentHash.sha1Hex(a)).orElseThrow(),
                "a text kept keeps its salt");
    }

    private static TextsArchived resealed(String key, TextKey textKey, UUID request, byte[] saltA, byte[] saltC,
                                          String a, String c) {
        TextsArchived pack = sealed(key, textKey, 2, null, List.of(saltA, saltC), a, c);
        return new TextsArchived(TextsArchived.SCHEMA, EventMeta.now(Topics.REVISIONS_ARCHIVED, null), request, key, 2,
                null, pack.sha1s(), pack.lengths(), pack.pack(), 2, request);
    }
}
