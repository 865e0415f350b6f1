package dev.palimpsest.archive.retention;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.events.RevisionRedacted;
import dev.palimpsest.events.RevisionRedactionRequested;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.SegmentRoll;
import dev.palimpsest.events.SubmittedEvent;
import dev.palimpsest.events.TextKeyState;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.kafka.EventDeserializer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.palimpsest.archive.redaction.ErasureFixtures.PATIENCE;
import static dev.palimpsest.archive.redaction.ErasureFixtures.awaitAnswer;
import static dev.palimpsest.archive.redaction.ErasureFixtures.erasure;
import static dev.palimpsest.archive.redaction.ErasureFixtures.log;
import static dev.palimpsest.archive.redaction.ErasureFixtures.revision;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trimming of the submitted topic on the real stack (ADR 0042): an erasure's partition loses every record up to the
 * erasure at once, and once the topic's segment age has passed, up to a segment roll the archive appends; the
 * erasure's key markers are sent again, after which compaction drops the destroyed key from the keys topic; the
 * restore window keeps everything younger, and nothing the archive has not committed is ever trimmed. The topics'
 * segment age is two seconds here, for the test's sake (an hour and ten minutes where deployed).
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))
class LogTrimmingTest {

    private static final String SEGMENT_AGE = "2000";

    @Inject
    LogTrimming trimming;

    private Admin admin;
    private BrokerLogs brokers;

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    @BeforeEach
    void shortSegments() throws Exception {
        admin = Admin.create(Map.of("bootstrap.servers", bootstrap()));
        brokers = new BrokerLogs(Admin.create(Map.of("bootstrap.servers", bootstrap())));
        segmentAge(Topics.REVISIONS_SUBMITTED, SEGMENT_AGE);
        segmentAge(Topics.TEXT_KEYS, SEGMENT_AGE);
    }

    @AfterEach
    void segmentsAsDeployed() throws Exception {
        segmentAge(Topics.REVISIONS_SUBMITTED, Topics.SUBMITTED_SEGMENTS.get("segment.ms"));
        segmentAge(Topics.TEXT_KEYS, Topics.TEXT_KEYS_COMPACTION.get("segment.ms"));
        brokers.close();
        admin.close();
    }

    private void segmentAge(String topic, String millis) throws Exception {
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(
                new AlterConfigOp(new ConfigEntry("segment.ms", millis), AlterConfigOp.OpType.SET))))
                .all().get();
    }

    /** The submitted topic's records this test can read (other tests publish undecodable ones on purpose). */
    private static List<ConsumerRecord<String, SubmittedEvent>> submitted() {
        var events = new EventDeserializer.SubmittedEventDeserializer();
        return log().readAll(Topics.REVISIONS_SUBMITTED, new ByteArrayDeserializer()).stream()
                .<ConsumerRecord<String, SubmittedEvent>>mapMulti((record, readable) -> {
                    try {
                        readable.accept(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(),
                                record.key(), events.deserialize(record.topic(), record.value())));
                    } catch (SerializationException undecodable) {
                        // not one of this test's
                    }
                }).toList();
    }

    private static ConsumerRecord<String, SubmittedEvent> recordOf(UUID id) {
        return submitted().stream().filter(record -> record.value().meta().id().equals(id)).findFirst()
                .orElseThrow();
    }

    private long earliest(int partition) {
        return brokers.earliest(Topics.REVISIONS_SUBMITTED, List.of(partition)).get(partition);
    }

    @Test
    void anErasureTrimsItsPartitionAtOnceThenClosesTheSegmentAndTheDestroyedKeyIsCompactedAway() {
        String key = "trim-" + UUID.randomUUID();
        String marker = "TRIM-MARKER-" + UUID.randomUUID();
        RevisionSubmitted kept = revision(key, 1, "A sentence that stays.\n");
        RevisionSubmitted libel = revision(key, 2, "A sentence that stays. " + marker + "\n");
        log().publish(Topics.REVISIONS_SUBMITTED, key, kept);
        log().publish(Topics.REVISIONS_SUBMITTED, key, libel);
        awaitAnswer(key, libel.meta().id());
        int partition = recordOf(libel.meta().id()).partition();
        long libelOffset = recordOf(libel.meta().id()).offset();

        // within the restore window, nothing the archive holds is trimmed without an erasure
        long before = earliest(partition);
        trimming.trim(Instant.now());
        assertEquals(before, earliest(partition));
        assertTrue(before <= libelOffset);

        RevisionRedactionRequested erasure = erasure(key, 2);
        log().publish(Topics.REVISIONS_SUBMITTED, key, erasure);
        RevisionRedacted erased = assertInstanceOf(RevisionRedacted.class, awaitAnswer(key, erasure.meta().id()));
        long erasureOffset = recordOf(erasure.meta().id()).offset();

        // at once (as soon as the archive has committed the erasure's offset, within seconds): every record up to
        // the erasure is gone from the partition, the erased text with it
        await().atMost(PATIENCE).until(() -> {
            trimming.trim(Instant.now());
            return earliest(partition) > erasureOffset;
        });
        assertFalse(submitted().stream().anyMatch(record -> record.value() instanceof RevisionSubmitted revision
                && revision.mainText().string().contains(marker)), "the erased text is no longer readable");

        // once the segment age has passed: a roll closes the segment that held it, and the partition is trimmed to
        // the roll, so Kafka deletes that segment whole
        Instant due = erased.redactedAt().plus(LogTrimming.closeAfter(Duration.ofMillis(Long.parseLong(SEGMENT_AGE))));
        await().atMost(PATIENCE).until(() -> Instant.now().isAfter(due));
        ConsumerRecord<String, SubmittedEvent> roll = await().atMost(PATIENCE).until(() -> {
            trimming.trim(Instant.now());
            return submitted().stream().filter(record -> record.partition() == partition
                    && record.value() instanceof SegmentRoll).findFirst();
        }, found -> found.isPresent()).orElseThrow();
        await().atMost(PATIENCE).until(() -> {
            trimming.trim(Instant.now()); // once the archive has read past the roll
            return earliest(partition) == roll.offset();
        });
        // what comes after is kept for the restore window again
        RevisionSubmitted after = revision(key, 3, "A sentence that stays, and another.\n");
        log().publish(Topics.REVISIONS_SUBMITTED, key, after);
        awaitAnswer(key, after.meta().id());
        long afterOffset = recordOf(after.meta().id()).offset();
        await().atMost(PATIENCE).until(() -> brokers.committed("palimpsest-archive", Topics.REVISIONS_SUBMITTED)
                .get(partition) > afterOffset);
        trimming.trim(Instant.now());
        assertEquals(roll.offset(), earliest(partition), "nothing younger than the window trimmed");

        // the keys topic: the markers sent again closed the segment that held key 1, and compaction dropped it
        await().atMost(PATIENCE).until(() -> log().readAll(Topics.TEXT_KEYS,
                        new EventDeserializer.TextKeyStateDeserializer()).stream()
                .filter(record -> record.key().equals(TextKeyState.topicKey(key, 1)))
                .noneMatch(record -> !record.value().isDestroyed()));
    }

    @Test
    void pastTheRestoreWindowEveryRecordTheArchiveHasCommittedIsTrimmedAndNoMore() {
        String key = "trim-window-" + UUID.randomUUID();
        RevisionSubmitted revision = revision(key, 1, "Old enough to go.\n");
        log().publish(Topics.REVISIONS_SUBMITTED, key, revision);
        awaitAnswer(key, revision.meta().id());
        ConsumerRecord<String, SubmittedEvent> record = recordOf(revision.meta().id());
        trimming.trim(Instant.now());
        assertTrue(earliest(record.partition()) <= record.offset(), "kept within the window");

        // as if eight days had passed (the window is seven), once the archive has committed the record's offset
        await().atMost(PATIENCE).until(() -> {
            trimming.trim(Instant.now().plus(Duration.ofDays(8)));
            return earliest(record.partition()) > record.offset();
        });

        Map<Integer, Long> committed = brokers.committed("palimpsest-archive", Topics.REVISIONS_SUBMITTED);
        committed.forEach((partition, offset) -> assertEquals(offset, earliest(partition),
                "partition " + partition + " trimmed to what the archive has committed, no further"));
    }
}
