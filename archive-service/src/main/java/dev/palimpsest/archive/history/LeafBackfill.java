package dev.palimpsest.archive.history;

import dev.palimpsest.archive.transparency.LeafPosition;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.kafka.EventSerializer;
import dev.palimpsest.tlog.leaves.ArchiveLeaf;
import dev.palimpsest.tlog.leaves.Commitment;
import dev.palimpsest.tlog.leaves.LeafSalts;
import dev.palimpsest.tlog.store.LogAppends;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes the records archived before the transparency log existed (ADR 0041 decision 4: an archive upgraded from
 * before M8) leaves of it, at start, before the archive consumes anything: each revision, duplicate and redaction
 * without a leaf, oldest first, becomes the next leaf of the log of its article's partition (the partition ingest's
 * producer gives the article's key), with fresh salts (a text stored before texts had salts gets one on its row, as
 * when it is archived), and its answer is published again with its leaf on that partition of the archived topic, so
 * the read model's copy of the log appends it where the archive did (the rest of the answer it holds already).
 *
 * <p>In chunks of {@value #CHUNK}, each in a transaction of its own that also records which leaves it appended
 * ({@code leaf_backfill}); the chunk's answers are published and acknowledged before the next chunk, and the record
 * cleared: an archive stopped in between publishes them again at its next start (the read model skips a leaf it
 * holds). Instances that start together take turns (an advisory lock); the archive's consumers start only after,
 * so no answer of a new record can come between a log's backfilled leaves on its partition. Archive instances of a
 * version before the log must all be stopped before the first instance of this one starts (operating.md).
 */
@ApplicationScoped
public class LeafBackfill {

    private static final Logger LOG = Logger.getLogger(LeafBackfill.class);
    static final int CHUNK = 500;
    /** The advisory lock the instances take turns with: "palimpsest leaf backfill", hashed once. */
    private static final long TURN = 0x7061_6c69_6d70_6c66L;
    private static final long PATIENCE_SECONDS = 120;

    private final DataSource dataSource;
    private final EntityManager entityManager;
    private final ContentStore contents;
    private final OtherSlots otherSlots;
    private final String logName;
    private final Map<String, Object> kafka;
    private final SecureRandom random = new SecureRandom();

    public LeafBackfill(DataSource dataSource, EntityManager entityManager, ContentStore contents,
                        OtherSlots otherSlots, @ConfigProperty(name = "palimpsest.log.name") String logName,
                        @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.dataSource = dataSource;
        this.entityManager = entityManager;
        this.contents = contents;
        this.otherSlots = otherSlots;
        this.logName = logName;
        this.kafka = Map.copyOf(kafka);
    }

    // before the messaging starts its consumers (which observe the same event at LIBRARY_BEFORE)
    void start(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 1) StartupEvent started) {
        run();
    }

    /**
     * Backfills every record without a leaf, after publishing again the answers of a chunk whose acknowledgement
     * was not recorded.
     *
     * @return how many records became leaves
     */
    public long run() {
        try (Connection turn = dataSource.getConnection()) {
            if (!anythingToDo(turn)) {
                return 0;
            }
            try (Statement lock = turn.createStatement()) {
                lock.execute("SELECT pg_advisory_lock(" + TURN + ")");
            }
            try {
                return backfill(turn);
            } finally {
                try (Statement unlock = turn.createStatement()) {
                    unlock.execute("SELECT pg_advisory_unlock(" + TURN + ")");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not backfill the transparency logs", e);
        }
    }

    private long backfill(Connection connection) throws SQLException {
        if (!anythingToDo(connection)) {
            return 0; // another instance did it while this one waited for its turn
        }
        int partitions;
        try (Admin admin = Admin.create(kafka)) {
            partitions = admin.describeTopics(List.of(Topics.REVISIONS_SUBMITTED)).allTopicNames()
                    .get(PATIENCE_SECONDS, TimeUnit.SECONDS).get(Topics.REVISIONS_SUBMITTED).partitions().size();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read how many partitions " + Topics.REVISIONS_SUBMITTED
                    + " has, which name the records' logs", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the submitted topic's partitions", e);
        }
        long left = withoutLeaf(connection);
        if (left > 0) {
            LOG.infof("%d record(s) were archived before the transparency log: making them leaves of the logs of"
                    + " their articles' partitions (of %d), %d at a time, before archiving anything", left, partitions,
                    CHUNK);
        }
        try (KafkaProducer<String, Object> producer = producer()) {
            List<ArchiveEvent> unacknowledged = QuarkusTransaction.requiringNew().call(this::pendingAnswers);
            if (!unacknowledged.isEmpty()) {
                LOG.infof("publishing again the %d answer(s) of a backfill chunk the broker had not acknowledged",
                        unacknowledged.size());
                publish(producer, unacknowledged);
            }
            long done = 0;
            while (true) {
                List<ArchiveEvent> answers = QuarkusTransaction.requiringNew().call(() -> chunk(partitions));
                if (answers.isEmpty()) {
                    break;
                }
                publish(producer, answers);
                done += answers.size();
                LOG.infof("backfilled %d of %d record(s) into the transparency logs", done, left);
            }
            return done;
        }
    }

    private static boolean anythingToDo(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement();
             ResultSet row = query.executeQuery("""
                     SELECT EXISTS (SELECT 1 FROM leaf_backfill)
                         OR EXISTS (SELECT 1 FROM revision WHERE log_id IS NULL)
                         OR EXISTS (SELECT 1 FROM submission WHERE log_id IS NULL)
                         OR EXISTS (SELECT 1 FROM redaction WHERE log_id IS NULL)""")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    private static long withoutLeaf(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement();
             ResultSet row = query.executeQuery("""
                     SELECT (SELECT count(*) FROM revision WHERE log_id IS NULL)
                          + (SELECT count(*) FROM submission WHERE log_id IS NULL)
                          + (SELECT count(*) FROM redaction WHERE log_id IS NULL)""")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** A record without a leaf: its kind ({@code r}evision, {@code d}uplicate, redaction {@code x}) and key. */
    private record Candidate(String kind, String articleKey, int revSeq, UUID id) {
    }

    /** The next chunk: leaves appended, rows placed, the leaves recorded as unacknowledged; its answers, in order. */
    private List<ArchiveEvent> chunk(int partitions) throws SQLException {
        List<Candidate> oldest = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT kind, article_key, rev_seq, id FROM (
                         SELECT 'r' AS kind, archived_at AS at, article_key, rev_seq, NULL::uuid AS id
                         FROM revision WHERE log_id IS NULL
                         UNION ALL
                         SELECT 'd', received_at, article_key, rev_seq, submission_id
                         FROM submission WHERE log_id IS NULL
                         UNION ALL
                         SELECT 'x', recorded_at, article_key, rev_seq, redaction_id
                         FROM redaction WHERE log_id IS NULL) AS old
                     ORDER BY at, article_key, rev_seq, kind LIMIT ?""")) {
            query.setInt(1, CHUNK);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    oldest.add(new Candidate(rows.getString(1), rows.getString(2), rows.getInt(3),
                            rows.getObject(4, UUID.class)));
                }
            }
        }
        if (oldest.isEmpty()) {
            return List.of();
        }
        Map<Candidate, Short> logOf = new LinkedHashMap<>();
        oldest.forEach(candidate -> logOf.put(candidate, logOf(candidate.articleKey(), partitions)));
        LogAppends logs = LogAppends.lock(dataSource, logOf.values(), logName);
        Map<Short, long[]> appended = new HashMap<>();
        List<ArchiveEvent> answers = new ArrayList<>(oldest.size());
        for (Candidate candidate : oldest) {
            short log = logOf.get(candidate);
            answers.add(switch (candidate.kind()) {
                case "r" -> revision(candidate, log, logs);
                case "d" -> duplicate(candidate, log, logs);
                default -> redaction(candidate, log, logs);
            });
            long index = logs.size(log) - 1;
            appended.computeIfAbsent(log, first -> new long[] {index, index})[1] = index + 1;
        }
        logs.store();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement record = connection.prepareStatement(
                     "INSERT INTO leaf_backfill (log_id, first_leaf, end_leaf) VALUES (?, ?, ?)")) {
            for (Map.Entry<Short, long[]> range : appended.entrySet()) {
                record.setShort(1, range.getKey());
                record.setLong(2, range.getValue()[0]);
                record.setLong(3, range.getValue()[1]);
                record.addBatch();
            }
            record.executeBatch();
        }
        return answers;
    }

    /** The partition ingest's producer gives an article's key (Kafka's default partitioner), which names its log. */
    public static short logOf(String articleKey, int partitions) {
        return (short) (Utils.toPositive(Utils.murmur2(articleKey.getBytes(StandardCharsets.UTF_8))) % partitions);
    }

    private LeafPosition append(LogAppends logs, short log, ArchiveLeaf leaf) {
        return new LeafPosition(log, logs.append(log, leaf.hash()));
    }

    private ArchiveEvent revision(Candidate candidate, short log, LogAppends logs) throws SQLException {
        RevisionRecord revision = RevisionRecord.find(candidate.articleKey(), candidate.revSeq()).orElseThrow();
        entityManager.detach(revision); // its leaf's columns are written below, once
        LeafSalts salts = LeafSalts.fresh();
        byte[] textCommitment = null;
        boolean saltWithText = false;
        if (!revision.textHidden) {
            byte[] utf8;
            try {
                TextPacks.HeldText held = contents.held(revision.articleKey, revision.revSha1);
                utf8 = held.utf8();
                if (held.salt() != null) {
                    salts = new LeafSalts(held.salt(), salts.comment(), salts.performer());
                    saltWithText = true;
                }
            } catch (IllegalStateException erased) {
                // erased before it became a leaf: the leaf commits to nothing anyone holds, as an erased text's does
                LOG.warnf("revision %d of %s has no text left to commit to; its leaf commits to random bytes",
                        revision.revSeq, revision.articleKey);
                utf8 = new byte[32];
                random.nextBytes(utf8);
            }
            textCommitment = Commitment.of(salts.text(), utf8);
        }
        LeafPosition position = append(logs, log, RevisionArchiver.leaf(revision, salts, textCommitment));
        revision.placeIn(position);
        revision.leafSalts = saltWithText ? salts.withoutText() : salts.toBytes();
        revision.leafTextCommitment = textCommitment;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement place = connection.prepareStatement("""
                     UPDATE revision SET log_id = ?, leaf_index = ?, leaf_salts = ?, leaf_text_commitment = ?
                     WHERE article_key = ? AND rev_seq = ? AND log_id IS NULL""")) {
            place.setShort(1, position.logId());
            place.setLong(2, position.leafIndex());
            place.setBytes(3, revision.leafSalts);
            place.setBytes(4, textCommitment);
            place.setString(5, revision.articleKey);
            place.setInt(6, revision.revSeq);
            requireOne(place.executeUpdate(), candidate);
        }
        return RevisionArchiver.archived(revision, otherSlots.load(revision.articleKey, revision.revSeq));
    }

    private ArchiveEvent duplicate(Candidate candidate, short log, LogAppends logs) throws SQLException {
        SubmissionRecord duplicate = SubmissionRecord.findById(candidate.id());
        entityManager.detach(duplicate);
        duplicate.placeIn(append(logs, log, RevisionArchiver.duplicateLeaf(duplicate)));
        place("submission", "submission_id", duplicate.leafPosition(), candidate);
        return RevisionArchiver.deduplicated(SubmissionRecord.Answer.of(duplicate));
    }

    private ArchiveEvent redaction(Candidate candidate, short log, LogAppends logs) throws SQLException {
        RedactionRecord redaction = RedactionRecord.findById(candidate.id());
        entityManager.detach(redaction);
        redaction.placeIn(append(logs, log, RevisionArchiver.redactionLeaf(redaction)));
        place("redaction", "redaction_id", redaction.leafPosition(), candidate);
        return RevisionArchiver.redactionAnswer(redaction);
    }

    private void place(String table, String idColumn, LeafPosition position, Candidate candidate)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement place = connection.prepareStatement("UPDATE " + table + " SET log_id = ?,"
                     + " leaf_index = ? WHERE " + idColumn + " = ? AND log_id IS NULL")) {
            place.setShort(1, position.logId());
            place.setLong(2, position.leafIndex());
            place.setObject(3, candidate.id());
            requireOne(place.executeUpdate(), candidate);
        }
    }

    private static void requireOne(int updated, Candidate candidate) {
        if (updated != 1) {
            throw new IllegalStateException("record " + candidate + " was given a leaf by someone else meanwhile");
        }
    }

    /** The answers of the leaves a chunk appended whose acknowledgement was not recorded, in leaf order. */
    private List<ArchiveEvent> pendingAnswers() throws SQLException {
        List<ArchiveEvent> answers = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement ranges = connection.createStatement();
             ResultSet range = ranges.executeQuery("SELECT log_id, first_leaf, end_leaf FROM leaf_backfill");
             PreparedStatement records = connection.prepareStatement("""
                     SELECT kind, article_key, rev_seq, id FROM (
                         SELECT 'r' AS kind, leaf_index, article_key, rev_seq, NULL::uuid AS id FROM revision
                         WHERE log_id = ? AND leaf_index >= ? AND leaf_index < ?
                         UNION ALL
                         SELECT 'd', leaf_index, article_key, rev_seq, submission_id FROM submission
                         WHERE log_id = ? AND leaf_index >= ? AND leaf_index < ?
                         UNION ALL
                         SELECT 'x', leaf_index, article_key, rev_seq, redaction_id FROM redaction
                         WHERE log_id = ? AND leaf_index >= ? AND leaf_index < ?) AS placed
                     ORDER BY leaf_index""")) {
            while (range.next()) {
                for (int table = 0; table < 3; table++) {
                    records.setShort(3 * table + 1, range.getShort(1));
                    records.setLong(3 * table + 2, range.getLong(2));
                    records.setLong(3 * table + 3, range.getLong(3));
                }
                try (ResultSet placed = records.executeQuery()) {
                    while (placed.next()) {
                        answers.add(answerOf(new Candidate(placed.getString(1), placed.getString(2),
                                placed.getInt(3), placed.getObject(4, UUID.class))));
                    }
                }
            }
        }
        return answers;
    }

    private ArchiveEvent answerOf(Candidate candidate) {
        return switch (candidate.kind()) {
            case "r" -> {
                RevisionRecord revision = RevisionRecord.find(candidate.articleKey(), candidate.revSeq())
                        .orElseThrow();
                yield RevisionArchiver.archived(revision, otherSlots.load(revision.articleKey, revision.revSeq));
            }
            case "d" -> RevisionArchiver.deduplicated(SubmissionRecord.Answer.of(
                    SubmissionRecord.findById(candidate.id())));
            default -> RevisionArchiver.redactionAnswer(RedactionRecord.findById(candidate.id()));
        };
    }

    private KafkaProducer<String, Object> producer() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 33_554_432);
        return new KafkaProducer<>(config, new StringSerializer(), new EventSerializer());
    }

    /**
     * Publishes answers on the partition of their leaf's log, in order, waits for every acknowledgement, then clears
     * the record of unacknowledged leaves.
     */
    private void publish(KafkaProducer<String, Object> producer, List<ArchiveEvent> answers) throws SQLException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(answers.size());
        for (ArchiveEvent answer : answers) {
            sent.add(producer.send(new ProducerRecord<>(Topics.REVISIONS_ARCHIVED, answer.leaf().log(),
                    answer.articleKey(), answer)));
        }
        producer.flush();
        for (Future<RecordMetadata> send : sent) {
            try {
                send.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the broker did not acknowledge a backfilled answer; the archive"
                        + " publishes the chunk again at its next start", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing backfilled answers", e);
            }
        }
        try (Connection connection = dataSource.getConnection(); Statement clear = connection.createStatement()) {
            clear.executeUpdate("DELETE FROM leaf_backfill");
        }
    }
}
