package dev.palimpsest.archive.transparency;

import dev.palimpsest.archive.history.LeafBackfill;
import dev.palimpsest.archive.history.RevisionArchiver;
import dev.palimpsest.archive.history.StoredTexts;
import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.EventLog;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.ArchivedLeaves;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.MainText;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.Provenance;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.RevisionRedacted;
import dev.palimpsest.events.RevisionRedactionRequested;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.SubmittedEvent;
import dev.palimpsest.events.TextsArchived;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.Utf8Text;
import dev.palimpsest.events.Visibility;
import dev.palimpsest.events.kafka.EventDeserializer;
import dev.palimpsest.tlog.Checkpoint;
import dev.palimpsest.tlog.CoveringCheckpoint;
import dev.palimpsest.tlog.InvalidProofException;
import dev.palimpsest.tlog.MerkleTree;
import dev.palimpsest.tlog.NoteSigner;
import dev.palimpsest.tlog.NoteVerifier;
import dev.palimpsest.tlog.ProofVerifier;
import dev.palimpsest.tlog.TiledTree;
import dev.palimpsest.tlog.TreeProofs;
import dev.palimpsest.tlog.leaves.ArchiveLeaf;
import dev.palimpsest.tlog.leaves.Commitment;
import dev.palimpsest.tlog.leaves.DuplicateLeaf;
import dev.palimpsest.tlog.leaves.LeafSalts;
import dev.palimpsest.tlog.leaves.RedactionLeaf;
import dev.palimpsest.tlog.leaves.RevisionLeaf;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transparency log in the archive's database (ADR 0040, 0041): every record archived anew (revision, duplicate,
 * redaction, rejected or not) is one leaf of the log of its partition, in archiving order, with gapless indexes; the
 * leaf can be recomputed from the stored row, its salts and its text; the head's root is the tree of those leaves,
 * and the stored tiles give the same root and proofs that verify; archiving the same events again appends nothing.
 * Logs 7 and 8 are this class's own (no other test archives from those partitions).
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))
class TransparencyLogTest {

    private static final short LOG = 7;
    private static final short OTHER_LOG = 8;

    @Inject
    RevisionArchiver archiver;

    @Inject
    DataSource dataSource;

    @Inject
    CheckpointPublisher checkpoints;

    @Inject
    LeafBackfill backfill;

    private static RevisionSubmitted edit(String articleKey, int n, Visibility visibility, String comment,
                                          Performer performer) {
        String text = "text " + n + " of " + articleKey + (n % 3 == 0 ? " ünïcødé" : "");
        return new RevisionSubmitted(RevisionSubmitted.SCHEMA, EventMeta.now(Topics.REVISIONS_SUBMITTED, "test"),
                articleKey, new Provenance("Title of " + articleKey, Instant.parse("2020-01-01T00:00:00Z")
                .plusSeconds(3600L * n), (long) n, n > 1 ? (long) n - 1 : null, performer, comment),
                Visibility.textHidden(visibility) ? MainText.HIDDEN
                        : new MainText(Utf8Text.of(text), ContentHash.sha1Hex(text), ContentHash.utf8Length(text)),
                "rev:" + n, null, visibility);
    }

    @Test
    void everyArchivedRecordIsALeafOfItsPartitionsLogAndTheHeadIsTheirTree() throws SQLException {
        String article = "tlog-" + UUID.randomUUID();
        List<SubmittedEvent> events = new ArrayList<>();
        for (int n = 1; n <= 290; n++) {
            Visibility visibility = n % 50 == 0 ? Visibility.of(true, false, false) : n % 70 == 0
                    ? Visibility.of(false, true, true) : Visibility.VISIBLE;
            events.add(edit(article, n, visibility, n % 7 == 0 ? null : "edit " + n,
                    n % 11 == 0 ? null : n % 2 == 0 ? Performer.named("Editor") : new Performer((long) n, "User" + n)));
        }
        RevisionSubmitted again = edit(article, 5, null, "the same revision, submitted again", null);
        events.add(again);
        events.add(new RevisionRedactionRequested(null, EventMeta.now(Topics.REVISIONS_SUBMITTED, "test"), article,
                3, "libel", Performer.named("Admin")));
        events.add(new RevisionRedactionRequested(null, EventMeta.now(Topics.REVISIONS_SUBMITTED, "test"), article,
                999, "no such revision", Performer.named("Admin")));
        // an erasure's leaf says ERASED: a reader makes it again from the answer alone (ADR 0042)
        events.add(new RevisionRedactionRequested(null, EventMeta.now(Topics.REVISIONS_SUBMITTED, "test"), article,
                6, "court order", Performer.named("Admin"), true));
        long before = head(LOG).size();
        List<ArchiveEvent> answers = new ArrayList<>();
        for (int from = 0; from < events.size(); from += 100) {
            answers.addAll(archiver.archiveAll(events.subList(from, Math.min(events.size(), from + 100)),
                    event -> LOG));
        }
        Head head = head(LOG);
        assertEquals(before + 294, head.size(), "290 revisions, a duplicate and three redactions: 294 leaves");

        // archived again (a redelivery): nothing new, nothing appended
        archiver.archiveAll(events.subList(250, events.size()), event -> LOG);
        assertEquals(head.size(), head(LOG).size());

        List<byte[]> leaves = recomputedLeaves(LOG);
        assertEquals(head.size(), leaves.size(), "every leaf index 0.." + (head.size() - 1) + " names one record");
        MerkleTree tree = new MerkleTree();
        leaves.forEach(tree::appendHash);
        assertEquals(hex(head.root()), hex(tree.root(head.size())), "the head is the tree of the records' leaves");
        // each answer says where its record is, and its fields (and the text) make the same leaf
        Map<UUID, byte[]> texts = new HashMap<>();
        events.stream().filter(RevisionSubmitted.class::isInstance).map(RevisionSubmitted.class::cast)
                .filter(submitted -> submitted.mainText().text() != null)
                .forEach(submitted -> texts.put(submitted.meta().id(), submitted.mainText().text().utf8()));
        List<ArchiveEvent> records = answers.stream().filter(answer -> !(answer instanceof TextsArchived)).toList();
        assertEquals(294, records.size());
        assertTrue(records.stream().anyMatch(answer -> answer instanceof RevisionRedacted redacted
                && redacted.erasure() != null), "the erasure was archived, not rejected");
        // a text's salt travels sealed with the text (ADR 0042), not in its revisions' answers
        Map<String, byte[]> sealedSalts;
        try (Connection connection = dataSource.getConnection()) {
            sealedSalts = StoredTexts.salts(connection, article);
        }
        for (ArchiveEvent answer : records) {
            assertEquals(LOG, answer.leaf().log(), answer.toString());
            if (answer instanceof RevisionArchived revision && texts.containsKey(revision.submissionId())) {
                assertEquals(LeafSalts.SIZE_WITHOUT_TEXT, revision.leaf().salts().length);
                byte[] salt = sealedSalts.get(article + " " + revision.mainText().sha1());
                if (salt == null) {
                    assertEquals(6, revision.revSeq(), "only the erased text's salt is gone");
                } else {
                    assertTrue(ArchivedLeaves.commitsTo(revision, salt, texts.get(revision.submissionId())));
                    assertFalse(ArchivedLeaves.commitsTo(revision, salt,
                            "another text".getBytes(StandardCharsets.UTF_8)));
                    assertFalse(ArchivedLeaves.commitsTo(revision, null, texts.get(revision.submissionId())),
                            "not without the salt");
                }
            }
            ArchiveLeaf leaf = ArchivedLeaves.of(answer);
            assertEquals(hex(leaves.get((int) answer.leaf().index())), hex(leaf.hash()), answer.toString());
        }
        assertEquals(before, records.get(0).leaf().index(), "the batch's first record is the log's next leaf");
        TiledTree tiles = new TiledTree(this::tile);
        assertEquals(hex(head.root()), hex(TreeProofs.root(tiles, head.size())), "the tiles give the same head");
        for (long index = 0; index < head.size(); index += 37) {
            long leaf = index;
            assertDoesNotThrow(() -> ProofVerifier.verifyInclusion(leaf, head.size(), leaves.get((int) leaf),
                    TreeProofs.inclusionProof(tiles, leaf, head.size()), head.root()));
        }

        // a batch from two partitions appends to two logs, each in its own order
        String second = "tlog-" + UUID.randomUUID();
        long otherBefore = head(OTHER_LOG).size();
        List<SubmittedEvent> mixed = List.of(edit(second, 1, null, "a", null), edit(article, 400, null, "b", null),
                edit(second, 2, null, "c", null));
        archiver.archiveAll(mixed, event -> event.articleKey().equals(second) ? OTHER_LOG : LOG);
        assertEquals(head.size() + 1, head(LOG).size());
        assertEquals(otherBefore + 2, head(OTHER_LOG).size());
        for (short log : new short[] {LOG, OTHER_LOG}) {
            List<byte[]> all = recomputedLeaves(log);
            MerkleTree whole = new MerkleTree();
            all.forEach(whole::appendHash);
            assertArrayEquals(head(log).root(), whole.root(all.size()), "log " + log);
        }
    }

    @Test
    void theHeadsAreSignedAsCheckpointsAndPublishedToTheirTopic() throws Exception {
        String article = "tlog-" + UUID.randomUUID();
        archiver.archiveAll(List.of(edit(article, 1, null, "first", null), edit(article, 2, null, "second", null)),
                event -> LOG);
        checkpoints.publishNew();
        Head head = head(LOG);
        Config config = ConfigProvider.getConfig();
        NoteVerifier verifier = NoteVerifier.of(NoteSigner.of(Files.readString(
                config.getValue("palimpsest.log.signing-key-location", Path.class)).strip()).verifierKey());
        String origin = "palimpsest.local/log/" + LOG;
        // the latest checkpoint of the log, as a reader of the topic finds it
        List<ConsumerRecord<String, String>> published = new EventLog(config.getValue("kafka.bootstrap.servers",
                String.class)).readAll(Topics.LOG_CHECKPOINTS, new StringDeserializer());
        ConsumerRecord<String, String> latest = published.stream().filter(record -> record.key().equals(origin))
                .reduce((first, second) -> second).orElseThrow();
        Checkpoint checkpoint = Checkpoint.parse(verifier.open(latest.value()));
        assertEquals(origin, checkpoint.origin());
        assertEquals(head.size(), checkpoint.size(), "the head as committed when it was signed");
        assertEquals(hex(head.root()), hex(checkpoint.rootHash()));
        // then the checkpoint covering every log, of the same heads: the latest one on the topic holds the head just
        // signed, and every log the archive has
        ConsumerRecord<String, String> latestCover = published.stream()
                .filter(record -> record.key().equals("palimpsest.local/log")).reduce((first, second) -> second)
                .orElseThrow();
        assertTrue(published.indexOf(latestCover) > published.indexOf(latest), "published after the logs' own");
        CoveringCheckpoint cover = CoveringCheckpoint.of(Checkpoint.parse(verifier.open(latestCover.value())));
        assertEquals(checkpoint, cover.log(origin).orElseThrow());
        assertEquals(countLogs(), cover.logs().size());
        // a note signed by any other key is refused
        NoteSigner stranger = NoteSigner.of(NoteSigner.generate("palimpsest.local/log", new SecureRandom()).signerKey());
        assertThrows(InvalidProofException.class, () -> verifier.open(stranger.sign(checkpoint.body())));
    }

    @Test
    void recordsArchivedBeforeTheLogBecomeLeavesOfTheirArticlesLogAndAreAnsweredAgain() throws Exception {
        Config config = ConfigProvider.getConfig();
        String bootstrap = config.getValue("kafka.bootstrap.servers", String.class);
        int partitions;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            partitions = admin.describeTopics(List.of(Topics.REVISIONS_SUBMITTED)).allTopicNames().get()
                    .get(Topics.REVISIONS_SUBMITTED).partitions().size();
        }
        String article = "backfill-" + UUID.randomUUID();
        short log = LeafBackfill.logOf(article, partitions);
        archiver.archiveAll(List.of(edit(article, 1, null, "first", Performer.named("Ann")),
                edit(article, 2, Visibility.of(true, false, false), "hidden text", null),
                edit(article, 3, null, "third", new Performer(7L, "Bo"))), event -> log);
        archiver.archiveAll(List.of(edit(article, 1, null, "the first again", null),
                new RevisionRedactionRequested(null, EventMeta.now(Topics.REVISIONS_SUBMITTED, "test"), article, 3,
                        "libel", Performer.named("Admin"))), event -> log);
        // as an archive upgraded from before the log has them: no leaf, no salts, no commitment
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            assertEquals(3, sql.executeUpdate("UPDATE revision SET log_id = NULL, leaf_index = NULL, leaf_salts ="
                    + " NULL, leaf_text_commitment = NULL WHERE article_key = '" + article + "'"));
            assertEquals(1, sql.executeUpdate("UPDATE submission SET log_id = NULL, leaf_index = NULL"
                    + " WHERE article_key = '" + article + "'"));
            assertEquals(1, sql.executeUpdate("UPDATE redaction SET log_id = NULL, leaf_index = NULL"
                    + " WHERE article_key = '" + article + "'"));
        }
        long before = head(log).size();

        assertEquals(5, backfill.run(), "three revisions, a duplicate, a redaction");
        Head head = head(log);
        assertEquals(before + 5, head.size());
        // the answers published again, each with its leaf, on the partition of its log, in the log's order
        List<ArchiveEvent> answered = new EventLog(bootstrap).readAll(Topics.REVISIONS_ARCHIVED,
                        new EventDeserializer.ArchiveEventDeserializer()).stream()
                .filter(record -> record.partition() == log && record.value().articleKey().equals(article)
                        && record.value().leaf() != null && record.value().leaf().index() >= before)
                .map(ConsumerRecord::value).toList();
        assertEquals(List.of(before, before + 1, before + 2, before + 3, before + 4),
                answered.stream().map(answer -> answer.leaf().index()).toList(), answered.toString());
        assertEquals(List.of("RevisionArchived", "RevisionArchived", "RevisionArchived", "SubmissionDeduplicated",
                "RevisionRedacted"), answered.stream().map(answer -> answer.getClass().getSimpleName()).toList());
        // each leaf, made from its answer alone (as the read model makes it), is the log's, and proven in its tree
        TiledTree tiles = new TiledTree((level, index) -> tileOf(log, level, index));
        assertEquals(hex(head.root()), hex(TreeProofs.root(tiles, head.size())));
        for (ArchiveEvent answer : answered) {
            byte[] leaf = ArchivedLeaves.of(answer).hash();
            assertDoesNotThrow(() -> ProofVerifier.verifyInclusion(answer.leaf().index(), head.size(), leaf,
                    TreeProofs.inclusionProof(tiles, answer.leaf().index(), head.size()), head.root()),
                    answer.toString());
        }
        // the text's commitment opens with the text and the salt the archive now keeps for it
        RevisionArchived first = (RevisionArchived) answered.get(0);
        byte[] salt;
        try (Connection connection = dataSource.getConnection()) {
            salt = StoredTexts.salts(connection, article).get(article + " " + first.mainText().sha1());
        }
        assertTrue(ArchivedLeaves.commitsTo(first, salt,
                ("text 1 of " + article).getBytes(StandardCharsets.UTF_8)));
        assertNull(((RevisionArchived) answered.get(1)).leaf().textCommitment(), "a text hidden at the source");

        // nothing left: a second run does nothing; an unacknowledged chunk is published again at the next start
        assertEquals(0, backfill.run());
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.executeUpdate("INSERT INTO leaf_backfill (log_id, first_leaf, end_leaf) VALUES (" + log + ", "
                    + before + ", " + (before + 5) + ")");
        }
        assertEquals(0, backfill.run());
        long republished = new EventLog(bootstrap).readAll(Topics.REVISIONS_ARCHIVED,
                        new EventDeserializer.ArchiveEventDeserializer()).stream()
                .filter(record -> record.partition() == log && record.value().articleKey().equals(article)
                        && record.value().leaf() != null && record.value().leaf().index() >= before).count();
        assertEquals(10, republished);
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
             ResultSet left = sql.executeQuery("SELECT count(*) FROM leaf_backfill")) {
            left.next();
            assertEquals(0, left.getInt(1));
        }
        assertEquals(head.size(), head(log).size(), "published again, appended nothing");
    }

    private record Head(long size, byte[] root) {
    }

    private int countLogs() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM transparency_log");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    private Head head(short log) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT size, root FROM transparency_log WHERE log_id = ?")) {
            query.setShort(1, log);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? new Head(row.getLong(1), row.getBytes(2)) : new Head(0, null);
            }
        }
    }

    private byte[] tile(int level, long index) {
        return tileOf(LOG, level, index);
    }

    private byte[] tileOf(short log, int level, long index) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT hashes FROM log_tile WHERE log_id = ? AND level = ? AND tile_index = ?")) {
            query.setShort(1, log);
            query.setShort(2, (short) level);
            query.setLong(3, index);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The leaf hash of every record of {@code log}, in leaf order, recomputed from the rows as the leaf encoding of
     * ADR 0041 says: revisions from their columns, salts and stored text; duplicates and redactions from theirs.
     */
    private List<byte[]> recomputedLeaves(short log) throws SQLException {
        Map<Long, ArchiveLeaf> byIndex = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            Map<String, String> texts = StoredTexts.all(connection, "tlog-%");
            // a text's salt is sealed with it; a revision row keeps the other two (ADR 0042)
            Map<String, byte[]> textSalts = StoredTexts.salts(connection, "tlog-%");
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT leaf_index, article_key, rev_seq, submission_id, page_title, rev_timestamp, rev_id,
                           rev_parent_id, performer_id, performer_text, comment, rev_sha1, text_hidden,
                           comment_hidden, performer_hidden, archived_at, leaf_salts, leaf_text_commitment
                    FROM revision WHERE log_id = ?""")) {
                query.setShort(1, log);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        String sha1 = row.getString("rev_sha1");
                        byte[] kept = row.getBytes("leaf_salts");
                        byte[] textSalt = textSalts.get(row.getString("article_key") + " " + sha1);
                        String text = sha1 == null ? null : texts.get(row.getString("article_key") + " " + sha1);
                        byte[] textCommitment;
                        LeafSalts salts;
                        if (sha1 != null && text == null && textSalt == null && kept.length != LeafSalts.SIZE) {
                            // erased (ADR 0042): text and salt are gone, the commitment the leaf was made with stays
                            salts = LeafSalts.of(kept);
                            textCommitment = row.getBytes("leaf_text_commitment");
                            assertNotNull(textCommitment, "an erased text's commitment stays with its revision");
                        } else {
                            salts = kept.length == LeafSalts.SIZE ? LeafSalts.of(kept) : LeafSalts.withText(kept,
                                    textSalt);
                            assertNotNull(sha1 == null ? "" : text, "the text of a revision the log holds");
                            textCommitment = Commitment.of(salts.text(),
                                    text == null ? null : text.getBytes(StandardCharsets.UTF_8));
                        }
                        if (row.getBoolean("text_hidden")) {
                            assertNull(textCommitment, "a text hidden at the source has no commitment");
                        }
                        Long performerId = (Long) row.getObject("performer_id");
                        byIndex.put(row.getLong("leaf_index"), new RevisionLeaf(row.getString("article_key"),
                                row.getInt("rev_seq"), row.getObject("submission_id", UUID.class),
                                row.getString("page_title"), row.getTimestamp("rev_timestamp").toInstant(),
                                (Long) row.getObject("rev_id"), (Long) row.getObject("rev_parent_id"),
                                Commitment.of(salts.performer(), RevisionLeaf.performerValue(performerId,
                                        row.getString("performer_text"))),
                                Commitment.of(salts.comment(), RevisionLeaf.commentValue(row.getString("comment"))),
                                textCommitment, row.getBoolean("text_hidden"), row.getBoolean("comment_hidden"),
                                row.getBoolean("performer_hidden"), row.getTimestamp("archived_at").toInstant()));
                    }
                }
            }
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT leaf_index, article_key, rev_seq, submission_id, received_at FROM submission
                    WHERE log_id = ?""")) {
                query.setShort(1, log);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        byIndex.put(row.getLong(1), new DuplicateLeaf(row.getString(2), row.getInt(3),
                                row.getObject(4, UUID.class), row.getTimestamp(5).toInstant()));
                    }
                }
            }
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT leaf_index, redaction_id, article_key, rev_seq, outcome, reason, performer_id,
                           performer_text, requested_at, recorded_at, rejection FROM redaction WHERE log_id = ?""")) {
                query.setShort(1, log);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        byIndex.put(row.getLong(1), new RedactionLeaf(row.getObject(2, UUID.class),
                                row.getString(3), row.getInt(4), row.getString(5), row.getString(6),
                                (Long) row.getObject(7), row.getString(8), row.getTimestamp(9).toInstant(),
                                row.getTimestamp(10).toInstant(), row.getString(11)));
                    }
                }
            }
        }
        List<byte[]> hashes = new ArrayList<>();
        long expected = 0;
        for (Map.Entry<Long, ArchiveLeaf> leaf : byIndex.entrySet()) {
            assertEquals(expected++, leaf.getKey(), "leaf indexes are gapless");
            hashes.add(leaf.getValue().hash());
        }
        return hashes;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
