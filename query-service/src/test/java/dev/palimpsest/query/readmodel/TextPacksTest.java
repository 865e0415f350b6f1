package dev.palimpsest.query.readmodel;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.MainText;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.Provenance;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.RevisionRedacted;
import dev.palimpsest.events.TextsArchived;
import dev.palimpsest.events.Topics;
import dev.palimpsest.query.revision.RevisionView;
import dev.palimpsest.textstore.PackCodec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.palimpsest.query.ArchiveLog.uniqueArticleKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read model's texts as packs (ADR 0026): stored as shipped, served byte for byte, erased by redactions from
 * every pack, and moved into packs when a read model of the previous version is upgraded in place.
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "query"))
class TextPacksTest {

    @Inject
    ReadModelWriter writer;

    @Inject
    EntityManager database;

    @Inject
    Flyway flyway;

    @Inject
    TextPacks textPacks;

    @Inject
    RevisionReads reads;

    /** A pack as the archive ships it, with its texts' lengths: stored as shipped, not decompressed. */
    private static TextsArchived pack(String key, int firstRevSeq, String base, String... texts) {
        return new TextsArchived(TextsArchived.SCHEMA_1_1, EventMeta.now(Topics.REVISIONS_ARCHIVED, null),
                UUID.randomUUID(), key, firstRevSeq, base == null ? null : ContentHash.sha1Hex(base),
                List.of(texts).stream().map(ContentHash::sha1Hex).toList(), lengths(texts),
                PackCodec.pack(List.of(texts), base));
    }

    /** A pack of schema 1.0.0, without lengths: unpacked and checked when stored. */
    private static TextsArchived packWithoutLengths(String key, int firstRevSeq, String base, String... texts) {
        return new TextsArchived(TextsArchived.SCHEMA_1_0, EventMeta.now(Topics.REVISIONS_ARCHIVED, null),
                UUID.randomUUID(), key, firstRevSeq, base == null ? null : ContentHash.sha1Hex(base),
                List.of(texts).stream().map(ContentHash::sha1Hex).toList(), null,
                PackCodec.pack(List.of(texts), base));
    }

    private static List<Integer> lengths(String... texts) {
        return List.of(texts).stream().map(text -> text.getBytes(StandardCharsets.UTF_8).length).toList();
    }

    /** A revision whose text travelled in a pack: named by sha1, not carried. */
    static RevisionArchived named(String key, int revSeq, String text) {
        return new RevisionArchived(RevisionArchived.SCHEMA, EventMeta.now(Topics.REVISIONS_ARCHIVED, null),
                UUID.randomUUID(), key, revSeq, new Provenance("Title",
                Instant.parse("2019-01-01T00:00:00Z").plusSeconds(revSeq), 1000L + revSeq, null, new Performer(7L,
                "Editor"), "edit " + revSeq), new MainText(null, ContentHash.sha1Hex(text),
                ContentHash.utf8Length(text)), Instant.now());
    }

    private static RevisionRedacted redaction(String key, int revSeq) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new RevisionRedacted(RevisionRedacted.SCHEMA, EventMeta.now(Topics.REVISIONS_ARCHIVED, null),
                UUID.randomUUID(), key, revSeq, "personal data", Performer.named("Admin"), now.minusSeconds(1), now);
    }

    static String article(String seed, int edits) {
        StringBuilder text = new StringBuilder("'''" + seed + "''' 佳士 is an article.\n");
        for (int i = 0; i < 200; i++) {
            text.append("Paragraph ").append(i).append(" says something about ").append(seed).append(".\n");
        }
        for (int i = 0; i < edits; i++) {
            text.append("Edit ").append(i).append(" added this line.\n");
        }
        return text.toString();
    }

    @Test
    void packedTextsAreStoredAsShippedAndEveryRevisionIsServedByteForByte() {
        String key = uniqueArticleKey("packs");
        String one = article("one", 1);
        String two = article("one", 2);
        String four = article("one", 4);
        TextsArchived first = pack(key, 1, null, one, two);
        TextsArchived second = pack(key, 4, two, four);
        List<ReadModelWriter.Applied> applied = writer.applyAll(List.of(first, named(key, 1, one),
                named(key, 2, two), named(key, 3, one), second, named(key, 4, four)));
        applied.forEach(outcome -> assertNull(outcome.refusal(), () -> outcome.refusal().getMessage()));

        List<String> expected = List.of(one, two, one, four);
        for (int revSeq = 1; revSeq <= 4; revSeq++) {
            given().accept("text/plain").get("/articles/{key}/revisions/{n}", key, revSeq).then().statusCode(200)
                    .body(equalTo(expected.get(revSeq - 1)));
            given().accept("application/json").get("/articles/{key}/revisions/{n}", key, revSeq).then()
                    .statusCode(200).body("text", equalTo(expected.get(revSeq - 1)));
        }
        given().get("/articles/{key}/revisions/{n}/slots/main", key, 3).then().statusCode(200).body(equalTo(one));
        given().queryParam("from", "1").queryParam("to", "4").get("/articles/{key}/diff", key).then()
                .statusCode(200).body("stats.addedLines", equalTo(3));
        given().accept("text/plain").queryParam("t", "2019-01-01T00:00:03Z").get("/articles/{key}/as-of", key)
                .then().statusCode(200).body(equalTo(one));

        assertArrayEquals(first.pack(), storedBytes(first.meta().id()), "stored as shipped");
        assertArrayEquals(second.pack(), storedBytes(second.meta().id()));
        assertEquals(ReadModelWriter.Outcome.ALREADY_APPLIED, writer.apply(first), "a redelivered pack");
        assertEquals(Map.of(ContentHash.sha1Hex(one), one, ContentHash.sha1Hex(two), two,
                ContentHash.sha1Hex(four), four), storedTexts(key), "each distinct text once");
    }

    @Test
    void aRedactedTextLeavesEveryPackAndThePacksPrimedWithItStillRead() {
        String key = uniqueArticleKey("erased");
        String a = article("a", 1);
        String b = article("a", 2);
        String secret = article("a", 3) + "call 555-0100\n";
        String d = article("a", 4);
        TextsArchived first = pack(key, 1, null, a, b, secret);
        TextsArchived second = pack(key, 4, secret, d); // primed with the text about to be redacted
        RevisionArchived third = named(key, 3, secret);
        writer.applyAll(List.of(first, named(key, 1, a), named(key, 2, b), third, second, named(key, 4, d)));

        writer.apply(redaction(key, 3));

        assertEquals(Map.of(ContentHash.sha1Hex(a), a, ContentHash.sha1Hex(b), b, ContentHash.sha1Hex(d), d),
                storedTexts(key), "the redacted text is in no pack any more");
        given().accept("text/plain").get("/articles/{key}/revisions/3", key).then().statusCode(410);
        given().accept("text/plain").get("/articles/{key}/revisions/4", key).then().statusCode(200).body(equalTo(d));
        given().accept("text/plain").get("/articles/{key}/revisions/2", key).then().statusCode(200).body(equalTo(b));

        // the pack and the revision delivered again (a crash before the offsets were committed) bring nothing back
        writer.applyAll(List.of(first, third));
        assertEquals(3, storedTexts(key).size());
        assertTrue(!storedTexts(key).containsKey(ContentHash.sha1Hex(secret)));
        given().accept("text/plain").get("/articles/{key}/revisions/3", key).then().statusCode(410);
    }

    @Test
    void aRedactionMakesTheCacheForgetThePacksItRewritesAndReadsGoOnFromTheNewOnes() {
        String key = uniqueArticleKey("forgotten");
        String a = article("f", 1);
        String secret = article("f", 2) + "call 555-0199\n";
        String c = article("f", 3);
        // packs without lengths are unpacked when stored, and kept unpacked
        TextsArchived first = packWithoutLengths(key, 1, null, a, secret);
        TextsArchived second = packWithoutLengths(key, 3, secret, c); // primed with the text about to be redacted
        writer.applyAll(List.of(first, named(key, 1, a), named(key, 2, secret), second, named(key, 3, c)));
        for (int revSeq = 1; revSeq <= 3; revSeq++) {
            given().accept("text/plain").queryParam("t", "2019-01-01T00:00:0" + revSeq + "Z")
                    .get("/articles/{key}/as-of", key).then().statusCode(200);
        }
        assertTrue(textPacks.isCached(first.meta().id()) && textPacks.isCached(second.meta().id()),
                "stored packs are kept unpacked");
        assertTrue(textPacks.isTextCached(key, ContentHash.sha1Hex(secret)), "a text read, and a base, is kept");

        writer.apply(redaction(key, 2));

        assertFalse(textPacks.isCached(first.meta().id()), "the pack the redacted text was in");
        assertFalse(textPacks.isCached(second.meta().id()), "the pack primed with it");
        assertFalse(textPacks.isTextCached(key, ContentHash.sha1Hex(secret)), "the redacted text, read or a base");
        given().accept("text/plain").queryParam("t", "2019-01-01T00:00:02Z").get("/articles/{key}/as-of", key)
                .then().statusCode(410);
        given().accept("text/plain").queryParam("t", "2019-01-01T00:00:01Z").get("/articles/{key}/as-of", key)
                .then().statusCode(200).body(equalTo(a));
        given().accept("text/plain").queryParam("t", "2019-01-01T00:00:03Z").get("/articles/{key}/as-of", key)
                .then().statusCode(200).body(equalTo(c));
    }

    @Test
    void theOneStatementReadsAnswerWhatTheEntityQueriesAnswer() {
        String key = uniqueArticleKey("same");
        String a = article("s", 1);
        String b = article("s", 2);
        String c = article("s", 3);
        Instant before = Instant.now();
        writer.applyAll(List.of(pack(key, 1, null, a, b), named(key, 1, a), named(key, 2, b), named(key, 3, a),
                pack(key, 4, a, c), named(key, 4, c)));
        writer.apply(redaction(key, 2));
        List<Instant> times = List.of(Instant.parse("2019-01-01T00:00:00Z"), Instant.parse("2019-01-01T00:00:01Z"),
                Instant.parse("2019-01-01T00:00:02.5Z"), Instant.parse("2019-01-01T00:00:03Z"),
                Instant.parse("2030-01-01T00:00:00Z"));
        for (Instant knownAt : Arrays.asList(null, before, Instant.now())) {
            for (Instant time : times) {
                // in transactions only for the entity manager a text outside the caches is read with
                Optional<RevisionView> expected = QuarkusTransaction.requiringNew().call(() -> (knownAt == null
                        ? Revision.asOf(key, time) : Revision.asOf(key, time, knownAt)).map(TextPacksTest::everything));
                Optional<RevisionView> fast = QuarkusTransaction.requiringNew().call(() ->
                        reads.asOf(key, time, knownAt).map(TextPacksTest::everything));
                assertEquals(expected, fast, "as of " + time + ", known at " + knownAt);
            }
        }
        for (int revSeq = 0; revSeq <= 5; revSeq++) {
            int n = revSeq;
            Optional<RevisionView> expected = QuarkusTransaction.requiringNew().call(() ->
                    Revision.of(key, n).map(TextPacksTest::everything));
            Optional<RevisionView> fast = QuarkusTransaction.requiringNew().call(() ->
                    reads.numbered(key, n).map(TextPacksTest::everything));
            assertEquals(expected, fast, "revision " + n);
        }
        assertEquals(List.of(1, 3, 4), QuarkusTransaction.requiringNew().call(() -> Revision.<Revision>list(
                "articleKey = ?1 and redactedAt is null order by revSeq", key)).stream().map(r -> r.revSeq).toList());
    }

    /** Every field of a revision, and its text, as the API shows them. */
    private static RevisionView everything(Revision revision) {
        return RevisionView.of(revision, null);
    }

    @Test
    void aTextAnotherRevisionStillShowsIsKept() {
        String key = uniqueArticleKey("shared");
        String kept = article("kept", 1);
        String vandalism = article("kept", 0) + "vandalism\n";
        writer.applyAll(List.of(pack(key, 1, null, kept, vandalism), named(key, 1, kept), named(key, 2, vandalism),
                named(key, 3, kept)));
        writer.apply(redaction(key, 1));
        given().accept("text/plain").get("/articles/{key}/revisions/1", key).then().statusCode(410);
        given().accept("text/plain").get("/articles/{key}/revisions/3", key).then().statusCode(200)
                .body(equalTo(kept));
    }

    @Test
    void aRevisionNamingATextNoPackCarriedAndAPackWithAnUnknownBaseAreRefused() {
        String key = uniqueArticleKey("unknown");
        List<ReadModelWriter.Applied> applied = writer.applyAll(List.of(named(key, 1, "never shipped"),
                pack(key, 1, "a base never shipped", "text")));
        assertNotNull(applied.get(0).refusal());
        assertNotNull(applied.get(1).refusal());
        given().get("/articles/{key}/revisions/1", key).then().statusCode(404);
    }

    @Test
    void aPackStoredAsShippedIsNotUnpackedAndATextOfItThatIsNotWhatItsSha1NamesIsNeverServed() {
        String key = uniqueArticleKey("unchecked");
        String one = article("u", 1);
        String two = article("u", 2);
        String claimed = article("u", 3);
        // a pack whose second text is not the one its sha1 names (a corrupt producer): its lengths fit its frame
        TextsArchived lying = new TextsArchived(TextsArchived.SCHEMA_1_1, EventMeta.now(Topics.REVISIONS_ARCHIVED, null),
                UUID.randomUUID(), key, 1, null, List.of(ContentHash.sha1Hex(one), ContentHash.sha1Hex(claimed)),
                lengths(one, two), PackCodec.pack(List.of(one, two), null));
        RevisionArchived second = new RevisionArchived(RevisionArchived.SCHEMA,
                EventMeta.now(Topics.REVISIONS_ARCHIVED, null), UUID.randomUUID(), key, 2, new Provenance("Title",
                Instant.parse("2019-01-01T00:00:02Z"), 1002L, null, new Performer(7L, "Editor"), "edit 2"),
                new MainText(null, ContentHash.sha1Hex(claimed), ContentHash.utf8Length(two)), Instant.now());
        writer.applyAll(List.of(lying, named(key, 1, one), second))
                .forEach(outcome -> assertNull(outcome.refusal(), () -> outcome.refusal().getMessage()));
        assertFalse(textPacks.isCached(lying.meta().id()), "stored as shipped, not unpacked");
        assertArrayEquals(lying.pack(), storedBytes(lying.meta().id()));

        given().accept("text/plain").get("/articles/{key}/revisions/1", key).then().statusCode(200)
                .body(equalTo(one));
        given().accept("text/plain").get("/articles/{key}/revisions/2", key).then().statusCode(500)
                .body(not(containsString("Edit 2 added")));
        given().accept("application/json").get("/articles/{key}/revisions/2", key).then().statusCode(500);
    }

    @Test
    void aPackWhoseLengthsDoNotFitItsFrameIsRefusedAndAPackWithoutLengthsIsCheckedWhenStored() {
        String key = uniqueArticleKey("shape");
        String one = article("s", 1);
        String two = article("s", 2);
        TextsArchived wrongLengths = new TextsArchived(TextsArchived.SCHEMA_1_1,
                EventMeta.now(Topics.REVISIONS_ARCHIVED, null), UUID.randomUUID(), key, 1, null,
                List.of(ContentHash.sha1Hex(one), ContentHash.sha1Hex(two)),
                List.of(one.length(), two.length() + 1), PackCodec.pack(List.of(one, two), null));
        assertNotNull(writer.applyAll(List.of(wrongLengths)).get(0).refusal());
        assertNull(storedBytesOrNull(wrongLengths.meta().id()), "nothing stored");

        TextsArchived lyingWithoutLengths = new TextsArchived(TextsArchived.SCHEMA_1_0,
                EventMeta.now(Topics.REVISIONS_ARCHIVED, null), UUID.randomUUID(), key, 1, null,
                List.of(ContentHash.sha1Hex(one), ContentHash.sha1Hex(article("s", 9))), null,
                PackCodec.pack(List.of(one, two), null));
        assertNotNull(writer.applyAll(List.of(lyingWithoutLengths)).get(0).refusal(), "unpacked and checked");

        TextsArchived honest = packWithoutLengths(key, 1, null, one, two);
        writer.applyAll(List.of(honest, named(key, 1, one), named(key, 2, two)))
                .forEach(outcome -> assertNull(outcome.refusal(), () -> outcome.refusal().getMessage()));
        given().accept("text/plain").get("/articles/{key}/revisions/2", key).then().statusCode(200)
                .body(equalTo(two));
    }

    @Test
    void aReadModelOfTheVersionBeforeUpgradesInPlaceAndEveryTextReadsBackByteForByte() {
        String schema = "upgrade_" + UUID.randomUUID().toString().replace("-", "");
        QuarkusTransaction.requiringNew().run(() ->
                database.createNativeQuery("CREATE SCHEMA " + schema).executeUpdate());
        Flyway atV9 = Flyway.configure(Thread.currentThread().getContextClassLoader())
                .configuration(flyway.getConfiguration()).schemas(schema).defaultSchema(schema).createSchemas(false)
                .target("9").load();
        atV9.migrate();
        // a history as version 9 stored it: a full text per revision, identity reverts, one hidden, one redacted
        String key = "upgrade:article";
        List<String> texts = new ArrayList<>();
        for (int revSeq = 1; revSeq <= 80; revSeq++) {
            texts.add(revSeq % 10 == 0 ? texts.get(revSeq - 3) : article("upgrade", revSeq));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            database.createNativeQuery("SELECT set_config('search_path', ?1, true)").setParameter(1, schema)
                    .getSingleResult();
            database.createNativeQuery("""
                    INSERT INTO article (article_key, title, revision_count, first_rev_timestamp, last_rev_timestamp,
                                         latest_rev_seq)
                    VALUES (?1, 'T', 82, now(), now(), 80)""").setParameter(1, key).executeUpdate();
            for (int revSeq = 1; revSeq <= 82; revSeq++) {
                boolean hidden = revSeq == 81;
                boolean redacted = revSeq == 82;
                String text = revSeq <= 80 ? texts.get(revSeq - 1) : "redacted text\n";
                database.createNativeQuery("""
                                INSERT INTO revision (article_key, rev_seq, rev_timestamp, archived_at, text, rev_sha1,
                                                      rev_len, submission_id, text_hidden, redacted_at,
                                                      redaction_reason)
                                VALUES (?1, ?2, now(), now(), ?3, ?4, ?5, ?6, ?7, ?8, ?9)""")
                        .setParameter(1, key).setParameter(2, revSeq)
                        .setParameter(3, hidden || redacted ? null : text)
                        .setParameter(4, hidden ? null : ContentHash.sha1Hex(text))
                        .setParameter(5, hidden ? -1 : ContentHash.utf8Length(text))
                        .setParameter(6, UUID.randomUUID()).setParameter(7, hidden)
                        .setParameter(8, redacted ? Instant.now() : null)
                        .setParameter(9, redacted ? "libel" : null)
                        .executeUpdate();
            }
        });

        Flyway.configure(Thread.currentThread().getContextClassLoader()).configuration(flyway.getConfiguration())
                .schemas(schema).defaultSchema(schema).createSchemas(false).load().migrate();

        Map<String, String> stored = QuarkusTransaction.requiringNew().call(() -> texts(schema, key));
        for (int revSeq = 1; revSeq <= 80; revSeq++) {
            assertEquals(texts.get(revSeq - 1), stored.get(ContentHash.sha1Hex(texts.get(revSeq - 1))),
                    "revision " + revSeq);
        }
        assertEquals(texts.stream().distinct().count(), stored.size(), "each distinct text once, nothing else");
        int packs = QuarkusTransaction.requiringNew().call(() -> ((Number) database.createNativeQuery(
                "SELECT count(*) FROM " + schema + ".text_pack").getSingleResult()).intValue());
        assertEquals(3, packs, "72 distinct texts in packs of 32");
        QuarkusTransaction.requiringNew().run(() ->
                database.createNativeQuery("DROP SCHEMA " + schema + " CASCADE").executeUpdate());
    }

    private byte[] storedBytes(UUID packId) {
        byte[] bytes = storedBytesOrNull(packId);
        assertNotNull(bytes, "pack " + packId + " is stored");
        return bytes;
    }

    private byte[] storedBytesOrNull(UUID packId) {
        return QuarkusTransaction.requiringNew().call(() -> (byte[]) database.createNativeQuery(
                        "SELECT bytes FROM text_pack WHERE pack_id = ?1").setParameter(1, packId).getResultList()
                .stream().findFirst().orElse(null));
    }

    private Map<String, String> storedTexts(String key) {
        return QuarkusTransaction.requiringNew().call(() -> texts("public", key));
    }

    /**
     * Every text physically in the article's packs, by sha1, decoded here from the rows alone (each pack with its
     * base, found by the text index), not through the service's own reader.
     */
    @SuppressWarnings("unchecked")
    private Map<String, String> texts(String schema, String key) {
        Map<UUID, Object[]> packs = new HashMap<>();
        for (Object[] row : (List<Object[]>) database.createNativeQuery(
                "SELECT pack_id, base_sha1, bytes FROM " + schema + ".text_pack WHERE article_key = ?1")
                .setParameter(1, key).getResultList()) {
            packs.put((UUID) row[0], row);
        }
        Map<String, UUID> packOf = new HashMap<>();
        Map<String, Integer> positionOf = new HashMap<>();
        for (Object[] row : (List<Object[]>) database.createNativeQuery(
                "SELECT sha1, pack_id, position FROM " + schema + ".text WHERE article_key = ?1")
                .setParameter(1, key).getResultList()) {
            packOf.put(row[0].toString().trim(), (UUID) row[1]);
            positionOf.put(row[0].toString().trim(), ((Number) row[2]).intValue());
        }
        Map<UUID, List<String>> unpacked = new HashMap<>();
        Map<String, String> texts = new HashMap<>();
        for (UUID pack : packs.keySet()) {
            List<String> inPack = unpack(pack, packs, packOf, positionOf, unpacked);
            for (Map.Entry<String, UUID> entry : packOf.entrySet()) {
                if (entry.getValue().equals(pack)) {
                    texts.put(entry.getKey(), inPack.get(positionOf.get(entry.getKey())));
                }
            }
            assertEquals(inPack.size(), packOf.values().stream().filter(pack::equals).count(),
                    "a pack holds exactly the texts that point to it");
        }
        return texts;
    }

    private static List<String> unpack(UUID pack, Map<UUID, Object[]> packs, Map<String, UUID> packOf,
                                       Map<String, Integer> positionOf, Map<UUID, List<String>> unpacked) {
        List<String> done = unpacked.get(pack);
        if (done != null) {
            return done;
        }
        Object[] row = packs.get(pack);
        String base = null;
        if (row[1] != null) {
            String baseSha1 = row[1].toString().trim();
            base = unpack(packOf.get(baseSha1), packs, packOf, positionOf, unpacked).get(positionOf.get(baseSha1));
        }
        List<String> texts = PackCodec.unpack((byte[]) row[2], base);
        unpacked.put(pack, texts);
        return texts;
    }
}
