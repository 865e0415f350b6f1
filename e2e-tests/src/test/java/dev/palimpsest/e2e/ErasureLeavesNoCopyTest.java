package dev.palimpsest.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palimpsest.client.ingest.api.RedactionResourceApi;
import dev.palimpsest.client.ingest.api.SubmissionResourceApi;
import dev.palimpsest.client.ingest.model.RedactRevisionRequest;
import dev.palimpsest.client.ingest.model.RedactionReceipt;
import dev.palimpsest.client.ingest.model.SubmissionReceipt;
import dev.palimpsest.client.ingest.model.SubmitRevisionRequest;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.e2e.Cli.Run;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.TextKeyState;
import dev.palimpsest.events.TextsArchived;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.kafka.EventDeserializer;
import dev.palimpsest.textstore.PackCodec;
import dev.palimpsest.textstore.sealed.SealedPack;
import dev.palimpsest.textstore.sealed.TextKey;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Erasure through the whole stack (issue #15, ADR 0042): a revision whose text carries a unique marker is redacted
 * with erasure; afterwards the marker is in no file of the data directory, and neither is the key its text was
 * sealed with. Kafka's segments are read record by record (decompressed, as a broker would serve them), every
 * sealed pack of the article found in them is opened with every key of the article still on disk, and every file
 * (PostgreSQL's tables and WAL, Kafka's segments, the services' logs) is searched byte for byte. The same search
 * finds the marker and the key before the erasure, so it is not blind. The other revisions still verify, and the
 * erased one verifies as erased.
 *
 * <p>The topics' segment age is two seconds during the test (an hour, and ten minutes, where deployed) and the
 * broker deletes files at once, so the test waits seconds, not an hour.
 */
class ErasureLeavesNoCopyTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String KEY = "e2e-erasure";
    private static final String SHORT_SEGMENTS = "2000";
    private static final Predicate<String> ALL_TOPICS = topic -> true;

    private final PalimpsestStack stack = SharedStack.get();
    private final StackClient client = new StackClient(stack);
    private Admin admin;

    @BeforeEach
    void shortSegments() throws Exception {
        admin = Admin.create(Map.of("bootstrap.servers", stack.devStack().kafkaBootstrapServers()));
        for (String topic : List.of(Topics.REVISIONS_SUBMITTED, Topics.TEXT_KEYS)) {
            configure(topic, AlterConfigOp.OpType.SET, Map.of("segment.ms", SHORT_SEGMENTS, "file.delete.delay.ms",
                    "0"));
        }
    }

    @AfterEach
    void segmentsAsDeployed() throws Exception {
        configure(Topics.REVISIONS_SUBMITTED, AlterConfigOp.OpType.SET, Topics.SUBMITTED_SEGMENTS);
        configure(Topics.REVISIONS_SUBMITTED, AlterConfigOp.OpType.DELETE, Map.of("file.delete.delay.ms", ""));
        configure(Topics.TEXT_KEYS, AlterConfigOp.OpType.SET, Topics.TEXT_KEYS_COMPACTION);
        admin.close();
    }

    private void configure(String topic, AlterConfigOp.OpType op, Map<String, String> configs) throws Exception {
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                configs.entrySet().stream().map(config -> new AlterConfigOp(
                        new ConfigEntry(config.getKey(), config.getValue()), op)).toList())).all().get();
    }

    @Test
    void anErasedTextAndItsKeyAreInNoFileAndTheHistoryStillVerifies(@TempDir Path verifierState) throws Exception {
        String marker = "ERASURE-MARKER-" + UUID.randomUUID();
        SubmissionReceipt first = submit("The committee met on Monday.\n", "2024-01-01T00:00:00Z");
        submit("The committee met on Monday. " + marker + " leaked the minutes.\n", "2024-02-01T00:00:00Z");
        SubmissionReceipt third = submit("The committee met on Monday and Tuesday.\n", "2024-03-01T00:00:00Z");
        await().atMost(PATIENCE).until(() -> client.query().archivedRevision(KEY, third.getEventId()),
                Optional::isPresent);
        assertEquals(1, client.query().archivedRevision(KEY, first.getEventId()).orElseThrow());
        Path data = stack.options().dataDirectory();

        // before: the search finds the marker (in the submitted topic, and in a pack opened with the key on disk)
        // and the key (in the keys topic and in PostgreSQL's files)
        Evidence before = await().atMost(PATIENCE).until(() -> Evidence.of(data, marker, null, ALL_TOPICS),
                found -> found.keyOfEpoch1() != null && !found.markerIn().isEmpty()
                        && found.keyIn().stream().anyMatch(place -> place.contains("postgres")));
        byte[] erasedKey = before.keyOfEpoch1();
        assertTrue(before.markerIn().stream().anyMatch(place -> place.contains(Topics.REVISIONS_SUBMITTED)),
                before.markerIn().toString());
        assertTrue(before.markerIn().stream().anyMatch(place -> place.startsWith("pack opened")),
                before.markerIn().toString());
        assertTrue(before.keyIn().stream().anyMatch(place -> place.contains(Topics.TEXT_KEYS)),
                before.keyIn().toString());

        // who wrote what, before: revision 2's provenance names it as the origin of the words it added
        var secondBefore = client.query().provenance().getRevisionProvenance(KEY, 2, true);
        assertTrue(secondBefore.getTokens().contains("leaked"), secondBefore.getTokens().toString());
        assertTrue(secondBefore.getOrigins().stream().anyMatch(origin -> origin.getRevSeq() == 2));

        RedactionReceipt erasure = client.adminIngest().redactions().redactRevision(
                RedactionResourceApi.APIRedactRevisionRequest.newBuilder().key(KEY).n(2).redactRevisionRequest(
                        new RedactRevisionRequest().reason("e2e: court order").erase(true)).build());
        await().atMost(PATIENCE).until(() -> client.query().redactionStatus(KEY, erasure.getEventId()),
                Optional::isPresent);

        System.out.println("before the erasure: " + before);

        // after: within seconds here (about an hour and ten minutes where deployed), nothing is left; waited for on
        // the two topics that take time (and every file byte for byte), then every segment read once more
        long erased = System.nanoTime();
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> Evidence.of(data, marker, erasedKey,
                topic -> topic.startsWith(Topics.REVISIONS_SUBMITTED) || topic.startsWith(Topics.TEXT_KEYS)),
                Evidence::nothing);
        Evidence after = Evidence.of(data, marker, erasedKey, ALL_TOPICS);
        System.out.printf("after the erasure (%d s): %s%n", (System.nanoTime() - erased) / 1_000_000_000, after);
        assertTrue(after.nothing(), after.toString());
        assertTrue(after.packsOpened() > 0, "the article's packs sealed under its new key were opened and searched");

        // provenance: the erased revision has none, and is nobody's origin any more (attributed again without it)
        dev.palimpsest.client.query.ApiException gone = assertThrows(dev.palimpsest.client.query.ApiException.class,
                () -> client.query().provenance().getRevisionProvenance(KEY, 2, true));
        assertEquals(410, gone.getCode(), gone.getResponseBody());
        var thirdAfter = client.query().provenance().getRevisionProvenance(KEY, 3, true);
        assertTrue(thirdAfter.getOrigins().stream().noneMatch(origin -> origin.getRevSeq() == 2),
                thirdAfter.getOrigins().toString());
        assertFalse(String.join(" ", thirdAfter.getTokens()).contains("leaked"));

        // the history still verifies: revisions 1 and 3 by their texts, revision 2 as erased
        Path verifierKey = stack.devStack().logKey().verifierKeyFile();
        Run verified = ProvableHistoryTest.verifyOnceProvable(stack, KEY, verifierKey, verifierState,
                run -> run.out().contains("erased"));
        assertEquals(0, verified.exit(), verified.out() + verified.err());
        assertTrue(verified.out().contains("revision 1  ok  leaf "), verified.out());
        assertTrue(verified.out().contains("revision 3  ok  leaf "), verified.out());
        assertTrue(verified.out().contains("revision 2  ok  ") && verified.out().contains("erased by redaction "
                + erasure.getEventId()), verified.out());
        // the erasure is a leaf too: the read model's copy of every log took it, and a signed checkpoint covers it
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(PATIENCE).until(() -> {
            JsonNode logs = StackClient.JSON.readTree(http.send(HttpRequest.newBuilder(
                    stack.queryUrl().resolve("/log")).build(), HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode log : logs) {
                JsonNode signed = log.get("checkpointSize");
                if (signed == null || signed.isNull() || signed.asLong() != log.get("size").asLong()) {
                    return false;
                }
            }
            return !logs.isEmpty();
        });
    }

    private SubmissionReceipt submit(String text, String timestamp) throws Exception {
        return client.ingest().submissions().submitRevision(SubmissionResourceApi.APISubmitRevisionRequest
                .newBuilder().key(KEY).submitRevisionRequest(new SubmitRevisionRequest().title("Erasure e2e")
                        .text(text).timestamp(timestamp).author("e2e")).build());
    }

    /**
     * Where the marker and the erased key were found in the data directory.
     *
     * @param markerIn    where the marker was found
     * @param keyIn       where the erased key (epoch 1) was found, raw or as the keys topic writes it (base64)
     * @param keyOfEpoch1 the key of epoch 1 as the keys topic held it, if it still does
     * @param packsOpened how many of the article's sealed packs were opened with a key found on disk
     */
    record Evidence(List<String> markerIn, List<String> keyIn, byte[] keyOfEpoch1, int packsOpened) {

        boolean nothing() {
            return markerIn.isEmpty() && keyIn.isEmpty() && keyOfEpoch1 == null;
        }

        @Override
        public String toString() {
            return "marker in " + markerIn + "; key of epoch 1 in " + keyIn + "; " + packsOpened
                    + " sealed pack(s) of the article opened";
        }

        /**
         * Searches {@code data}: every file byte for byte, and the records of the Kafka segments of the topics
         * {@code recordsOf} accepts (by directory name, the topic and partition).
         *
         * @param erasedKey the key to look for, or null for the one the keys topic holds for epoch 1
         */
        static Evidence of(Path data, String marker, byte[] erasedKey, Predicate<String> recordsOf)
                throws IOException {
            byte[] markerBytes = marker.getBytes(StandardCharsets.UTF_8);
            List<String> markerIn = new ArrayList<>();
            List<String> keyIn = new ArrayList<>();
            // the keys of the article still in the keys topic's segments, and its sealed packs in the archived one
            List<TextKey> keys = new ArrayList<>();
            List<TextsArchived> packs = new ArrayList<>();
            var keyStates = new EventDeserializer.TextKeyStateDeserializer();
            var answers = new EventDeserializer.ArchiveEventDeserializer();
            byte[] keyOfEpoch1 = null;
            for (Path segment : files(data).filter(ErasureLeavesNoCopyTest::isSegment)
                    .filter(segment -> recordsOf.test(segment.getParent().getFileName().toString())).toList()) {
                String topic = segment.getParent().getFileName().toString();
                for (KafkaRecord record : records(segment)) {
                    byte[] value = record.value();
                    if (contains(value, markerBytes)) {
                        markerIn.add("record of " + segment);
                    }
                    if (topic.startsWith(Topics.TEXT_KEYS + "-")) {
                        TextKeyState state = keyStates.deserialize(Topics.TEXT_KEYS, value);
                        if (state != null && state.articleKey().equals(KEY) && !state.isDestroyed()) {
                            keys.add(new TextKey(state.epoch(), state.key()));
                            if (state.epoch() == 1) {
                                keyOfEpoch1 = state.key();
                            }
                        }
                    } else if (topic.startsWith(Topics.REVISIONS_ARCHIVED + "-") && KEY.equals(record.key())) {
                        ArchiveEvent answer = answers.deserialize(Topics.REVISIONS_ARCHIVED, value);
                        if (answer instanceof TextsArchived pack && pack.articleKey().equals(KEY)
                                && pack.keyEpoch() != null) {
                            packs.add(pack);
                        }
                    }
                }
            }
            // a pack is primed with the text before it (its base): opened once that text is known, in any order
            int opened = 0;
            Map<String, String> textsBySha1 = new HashMap<>();
            List<TextsArchived> waiting = new ArrayList<>(packs);
            boolean progress = true;
            while (progress) {
                progress = false;
                for (var each = waiting.iterator(); each.hasNext(); ) {
                    TextsArchived pack = each.next();
                    Optional<TextKey> key = keys.stream().filter(held -> held.epoch() == pack.keyEpoch()).findFirst();
                    if (key.isEmpty() || (pack.baseSha1() != null && !textsBySha1.containsKey(pack.baseSha1()))) {
                        continue;
                    }
                    List<String> texts = PackCodec.unpack(SealedPack.open(key.get(), KEY, pack.pack()).pack(),
                            pack.baseSha1() == null ? null : textsBySha1.get(pack.baseSha1()));
                    for (int i = 0; i < texts.size(); i++) {
                        textsBySha1.put(pack.sha1s().get(i), texts.get(i));
                        if (texts.get(i).contains(marker)) {
                            markerIn.add("pack opened with key " + key.get().epoch() + ", of revision "
                                    + pack.revSeq());
                        }
                    }
                    opened++;
                    each.remove();
                    progress = true;
                }
            }
            byte[] key = erasedKey != null ? erasedKey : keyOfEpoch1;
            byte[] keyBase64 = key == null ? null : Base64.getEncoder().encodeToString(key)
                    .getBytes(StandardCharsets.US_ASCII);
            // every file byte for byte: PostgreSQL's tables and WAL, Kafka's segments and indexes, the logs
            for (Path file : files(data).toList()) {
                String bytes = latin1(read(file));
                if (bytes.contains(latin1(markerBytes))) {
                    markerIn.add(file.toString());
                }
                if (key != null && (bytes.contains(latin1(key)) || bytes.contains(latin1(keyBase64)))) {
                    keyIn.add(file.toString());
                }
            }
            return new Evidence(markerIn, keyIn, keyOfEpoch1, opened);
        }
    }

    private static Stream<Path> files(Path data) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(data)) {
            walk.forEach(found::add); // listed first: files come and go under the broker and PostgreSQL
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e;
            }
        }
        return found.stream().filter(Files::isRegularFile);
    }

    /** A Kafka log segment, open, closed, or waiting to be deleted or swapped in. */
    private static boolean isSegment(Path file) {
        return file.getFileName().toString().contains(".log") && file.toString().contains("/kafka");
    }

    /** A record of a segment: its key as text, its value decompressed. */
    private record KafkaRecord(String key, byte[] value) {
    }

    /**
     * Every record of a segment that has a value; none when the broker deleted it meanwhile. The file is read whole
     * first: Kafka's {@code FileRecords} truncates a file it opened to the size it saw when closing, and fails on a
     * read-only channel when the broker appended meanwhile.
     */
    private static List<KafkaRecord> records(Path segment) throws IOException {
        List<KafkaRecord> values = new ArrayList<>();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(segment);
        } catch (java.nio.file.NoSuchFileException deleted) {
            return List.of(); // deleted by the broker meanwhile
        }
        try {
            for (RecordBatch batch : MemoryRecords.readableRecords(java.nio.ByteBuffer.wrap(bytes)).batches()) {
                for (Record record : batch) {
                    if (record.hasValue()) {
                        values.add(new KafkaRecord(record.hasKey() ? new String(Utils.toArray(record.key()),
                                StandardCharsets.UTF_8) : null, Utils.toArray(record.value())));
                    }
                }
            }
        } catch (org.apache.kafka.common.KafkaException torn) {
            // a segment being written: what was read so far is searched, the rest at the next look
        }
        return values;
    }

    private static byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            if (Files.exists(file)) {
                throw e;
            }
            return new byte[0]; // deleted meanwhile
        }
    }

    /** Byte for byte (as Latin-1 text, one char a byte, for String's fast search). */
    private static boolean contains(byte[] haystack, byte[] needle) {
        return latin1(haystack).contains(latin1(needle));
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
