package dev.palimpsest.archive.history;

import dev.palimpsest.archive.integrity.HashChain;
import dev.palimpsest.archive.integrity.StoredRecords;
import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.ContentSlot;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.MainText;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.Provenance;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.SubmittedEvent;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.Utf8Text;
import dev.palimpsest.textstore.PackCodec;
import dev.palimpsest.textstore.PackPolicy;
import dev.palimpsest.textstore.sealed.SealedPack;
import dev.palimpsest.textstore.sealed.TextKey;
import dev.palimpsest.tlog.leaves.Commitment;
import dev.palimpsest.tlog.leaves.LeafSalts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The texts at rest as packs, on the real PostgreSQL: a batch is cut into full packs, single texts stay small packs
 * until they fill one, every text reads back byte for byte (from disk, not from a cache), identical texts are stored
 * once, a different text under a stored sha1 is refused, and V10 repacks texts stored in full. Packs are sealed
 * with the article's key, with each text's salt (ADR 0042).
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))
class ContentStoreTest {

    /** Every event as if read from partition 0: archived to transparency log 0. */
    private static final ToIntFunction<SubmittedEvent> ONE_PARTITION = event -> 0;

    private static final int FULL = PackPolicy.DEFAULT.textsPerPack();

    @Inject
    ContentStore contents;

    @Inject
    RevisionArchiver archiver;

    @Inject
    EntityManager database;

    @Inject
    DataSource dataSource;

    /** The i-th revision of an article that grows and is edited, as real ones are; some of it beyond Latin-1. */
    private static String revision(int i) {
        StringBuilder text = new StringBuilder("'''Anarchism''' is a political philosophy — ünïcödé 漢字 😀.\n");
        int paragraphs = 1 + i / 3;
        for (int paragraph = 0; paragraph < paragraphs; paragraph++) {
            text.append("Paragraph ").append(paragraph).append(" says something about the subject, at length. ")
                    .append(paragraph == i % paragraphs ? "Edited in revision " + i + ". " : "").append('\n');
        }
        return text.toString();
    }

    private void newArticle(String articleKey) {
        QuarkusTransaction.requiringNew().run(() -> database.createNativeQuery("""
                        INSERT INTO article (article_key, current_title, revision_count, created_at)
                        VALUES (?1, ?1, 0, now())""")
                .setParameter(1, articleKey).executeUpdate());
    }

    private void storeInOneTransaction(String articleKey, List<String> texts) {
        QuarkusTransaction.requiringNew().run(() ->
                texts.forEach(text -> contents.store(articleKey, ContentHash.sha1Hex(text), utf8(text))));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private <T> T onDisk(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    private static Map<String, String> byName(String articleKey, List<String> texts) {
        Map<String, String> named = new LinkedHashMap<>();
        texts.forEach(text -> named.put(articleKey + " " + ContentHash.sha1Hex(text), text));
        return named;
    }

    private static void assertSameBytes(Map<String, String> expected, Map<String, String> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, text) -> assertArrayEquals(text.getBytes(StandardCharsets.UTF_8),
                actual.get(name).getBytes(StandardCharsets.UTF_8), name));
    }

    @Test
    void aBatchIsCutIntoFullPacksChainedToOneAnotherAndEveryTextReadsBack() {
        String key = "texts-batch";
        newArticle(key);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 2 * FULL + 6; i++) {
            texts.add(revision(i));
        }
        storeInOneTransaction(key, texts);

        assertEquals(List.of(FULL + " fresh", FULL + " primed", "6 primed"),
                onDisk(connection -> StoredTexts.packs(connection, key)));
        assertSameBytes(byName(key, texts), onDisk(connection -> StoredTexts.all(connection, key)));
        QuarkusTransaction.requiringNew().run(() -> texts.forEach(text ->
                assertEquals(text, contents.text(key, ContentHash.sha1Hex(text)))));
    }

    @Test
    void singleTextsStaySmallPacksUntilTheyFillOneThenAreRepackedIntoIt() {
        String key = "texts-live";
        newArticle(key);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < FULL - 1; i++) {
            texts.add(revision(i));
            storeInOneTransaction(key, List.of(texts.get(i)));
        }
        List<String> small = new ArrayList<>(List.of("1 fresh"));
        small.addAll(Collections.nCopies(FULL - 2, "1 primed"));
        assertEquals(small, onDisk(connection -> StoredTexts.packs(connection, key)), "each a small delta");
        assertSameBytes(byName(key, texts), onDisk(connection -> StoredTexts.all(connection, key)));

        texts.add(revision(FULL - 1));
        storeInOneTransaction(key, List.of(texts.get(FULL - 1)));
        assertEquals(List.of(FULL + " fresh"), onDisk(connection -> StoredTexts.packs(connection, key)),
                "the small packs and the new text, repacked into one full pack");
        texts.add(revision(FULL));
        storeInOneTransaction(key, List.of(texts.get(FULL)));
        assertEquals(List.of(FULL + " fresh", "1 primed"), onDisk(connection -> StoredTexts.packs(connection, key)));
        assertSameBytes(byName(key, texts), onDisk(connection -> StoredTexts.all(connection, key)));
    }

    @Test
    void identicalTextsAreStoredOnceAndADifferentTextUnderAStoredSha1IsRefused() {
        String key = "texts-same";
        newArticle(key);
        String text = revision(1);
        String sha1 = ContentHash.sha1Hex(text);
        QuarkusTransaction.requiringNew().run(() -> {
            contents.store(key, sha1, utf8(text));
            contents.store(key, sha1, utf8(text));
            assertThrows(ContentStore.Sha1Collision.class, () -> contents.store(key, sha1, utf8("another text")),
                    "refused while the first is only held by the transaction");
        });
        storeInOneTransaction(key, List.of(text, revision(2)));
        assertThrows(ContentStore.Sha1Collision.class, () -> QuarkusTransaction.requiringNew().run(() ->
                contents.store(key, sha1, utf8("another text"))), "refused once it is packed");
        assertSameBytes(byName(key, List.of(text, revision(2))),
                onDisk(connection -> StoredTexts.all(connection, key)));
    }

    @Test
    void aTextIsReadableInItsTransactionAndGoneIfItRollsBack() {
        String key = "texts-rollback";
        newArticle(key);
        String kept = revision(3);
        String dropped = revision(4);
        assertThrows(QuarkusTransactionException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            contents.store(key, ContentHash.sha1Hex(dropped), utf8(dropped));
            assertEquals(dropped, contents.text(key, ContentHash.sha1Hex(dropped)));
            QuarkusTransaction.setRollbackOnly();
        }), "rolled back, not committed");
        storeInOneTransaction(key, List.of(kept));
        assertSameBytes(byName(key, List.of(kept)), onDisk(connection -> StoredTexts.all(connection, key)));
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                contents.text(key, ContentHash.sha1Hex(dropped))));
    }

    @Test
    void packsAreSealedWithTheArticlesKeyAndEachTextsSaltIsTheOneItsLeafCommitsWith() {
        String key = "texts-sealed";
        String marker = "SEALED-MARKER-" + System.nanoTime();
        String first = revision(1) + marker + "\n";
        String second = revision(2) + marker + "\n";
        archiver.archiveAll(List.of(edit(key, first, 1, null), edit(key, second, 2, null)), ONE_PARTITION);
        // an identity revert of the first: stored once, its salt shared with the first revision's
        archiver.archiveAll(List.of(edit(key, first, 3, null)), ONE_PARTITION);

        onDisk(connection -> {
            TextKey textKey;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT epoch, key FROM text_key WHERE article_key = ?")) {
                query.setString(1, key);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    textKey = new TextKey(row.getInt(1), row.getBytes(2));
                    assertEquals(1, textKey.epoch(), "an article's first key is of epoch 1");
                    assertFalse(row.next(), "one key an article epoch");
                }
            }
            byte[] markerBytes = utf8(marker);
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT key_epoch, body FROM text_pack WHERE article_key = ?")) {
                query.setString(1, key);
                try (ResultSet row = query.executeQuery()) {
                    int packs = 0;
                    while (row.next()) {
                        packs++;
                        assertEquals(1, row.getInt(1), "sealed with the key of epoch 1");
                        byte[] body = row.getBytes(2);
                        assertFalse(contains(body, markerBytes), "no text in clear at rest");
                        String opened = String.join("", PackCodec.unpack(
                                SealedPack.open(textKey, key, body).pack(), null));
                        assertTrue(opened.contains(marker), "the key opens the pack");
                    }
                    assertEquals(1, packs);
                }
            }
            Map<String, byte[]> salts = StoredTexts.salts(connection, key);
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT rev_seq, rev_sha1, leaf_salts, leaf_text_commitment FROM revision"
                            + " WHERE article_key = ? ORDER BY rev_seq")) {
                query.setString(1, key);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        assertEquals(LeafSalts.SIZE_WITHOUT_TEXT, row.getBytes(3).length,
                                "a row keeps no text salt: it is sealed with the text");
                        String text = row.getInt(1) == 2 ? second : first;
                        assertArrayEquals(Commitment.of(salts.get(key + " " + row.getString(2)), utf8(text)),
                                row.getBytes(4), "revision " + row.getInt(1) + "'s leaf commits with its text's salt");
                    }
                }
            }
            return null;
        });
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static RevisionSubmitted edit(String articleKey, String text, long revId, List<ContentSlot> slots) {
        return new RevisionSubmitted(RevisionSubmitted.SCHEMA, EventMeta.now(Topics.REVISIONS_SUBMITTED, "test"),
                articleKey, new Provenance(articleKey, Instant.parse("2020-01-01T00:00:00Z").plusSeconds(revId), revId,
                null, Performer.named("Editor"), "edit " + revId), new MainText(Utf8Text.of(text),
                ContentHash.sha1Hex(text), ContentHash.utf8Length(text)), "rev:" + revId, null, null, slots);
    }

    @Test
    void theV10MigrationRepacksTextsStoredInFullInRevisionOrderByteForByte() throws Exception {
        String key = "texts-upgrade";
        List<RevisionSubmitted> history = new ArrayList<>();
        for (int i = 0; i < FULL + 10; i++) {
            // a revert to revision 3's text, and a slot on revision 6: a text named twice, one not by main
            String text = revision(i == 20 ? 2 : i);
            history.add(edit(key, text, i + 1, i == 5
                    ? List.of(ContentSlot.of("mediainfo", "wikibase-mediainfo", "application/json", "{\"é\":1}", false))
                    : null));
        }
        // two batches, as the consumer would hand them over
        archiver.archiveAll(history.subList(0, 17), ONE_PARTITION);
        archiver.archiveAll(history.subList(17, history.size()), ONE_PARTITION);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Map<String, String> before = StoredTexts.all(connection, key);
                assertEquals(FULL + 10, before.size(), "every distinct text: one revert, one slot");
                // a database the version before packs wrote (rolled back below: PostgreSQL DDL is transactional)
                StoredTexts.backToV9(connection);
                StoredTexts.migrateFromV9(connection);
                assertSameBytes(before, StoredTexts.all(connection, key));
                assertEquals(List.of(FULL + " fresh", "10 primed"), StoredTexts.packs(connection, key));
                assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), positionsOf(connection, key, history.subList(0, 6)),
                        "packed in the order revisions first name the texts (the slot after its revision's text)");
                StoredRecords.page(connection, key, 0, 100, StoredRecords.inPacks(
                        new TextPacks(PackPolicy.DEFAULT, 1_000_000))).forEach(stored ->
                        assertEquals(stored.record().textSha256(), stored.recomputedTexts().get(StoredRecords.MAIN),
                                "the chain still verifies the text of revision " + stored.record().revSeq()));
                assertEquals(HashChain.contentHash(revision(2)),
                        StoredRecords.page(connection, key, 20, 1, StoredRecords.inPacks(new TextPacks(
                                PackPolicy.DEFAULT, 1_000_000))).get(0).recomputedTexts()
                                .get(StoredRecords.MAIN), "the revert names the text of revision 3");
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    /** Where the texts of these revisions (and their slots) are, in the first pack. */
    private static List<Integer> positionsOf(Connection connection, String articleKey,
                                             List<RevisionSubmitted> revisions) throws SQLException {
        List<String> sha1s = new ArrayList<>();
        for (RevisionSubmitted revision : revisions) {
            sha1s.add(ContentHash.sha1Hex(revision.mainText().text().utf8()));
            if (revision.slots() != null) {
                revision.slots().forEach(slot -> sha1s.add(slot.sha1()));
            }
        }
        List<Integer> positions = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT position FROM content WHERE article_key = ? AND sha1 = ?")) {
            for (String sha1 : sha1s) {
                query.setString(1, articleKey);
                query.setString(2, sha1);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    positions.add(row.getInt(1));
                }
            }
        }
        return positions;
    }
}
