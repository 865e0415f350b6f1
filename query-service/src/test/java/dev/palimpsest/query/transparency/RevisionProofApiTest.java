package dev.palimpsest.query.transparency;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.ArchivedLeaves;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.LogLeaf;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.SubmissionDeduplicated;
import dev.palimpsest.events.Topics;
import dev.palimpsest.query.ArchiveLog;
import dev.palimpsest.tlog.Checkpoint;
import dev.palimpsest.tlog.CoveringCheckpoint;
import dev.palimpsest.tlog.MerkleTree;
import dev.palimpsest.tlog.NoteSigner;
import dev.palimpsest.tlog.NoteVerifier;
import dev.palimpsest.tlog.ProofVerifier;
import dev.palimpsest.tlog.TreeHashing;
import dev.palimpsest.tlog.leaves.Commitment;
import dev.palimpsest.tlog.leaves.RevisionLeaf;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The read model's copy of a transparency log, made from the archived answers alone, and the proofs it serves: a
 * client that trusts only the log's verifier key checks a revision (its fields and its text) against a signed
 * checkpoint, and a newer checkpoint against an older one; a checkpoint whose root the copy disagrees with is never
 * proven against. Logs 9 and 10 are this class's own; the archive is played by the test (its answers and its
 * checkpoints).
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "query"))
class RevisionProofApiTest {

    private static final int LOG = 9;
    private static final String FAMILY = "palimpsest.local/log";
    private static final String ORIGIN = FAMILY + "/" + LOG;
    private static final int BACKFILLED_LOG = 10;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final NoteSigner signer = NoteSigner.of(NoteSigner.generate("palimpsest.test/log", new SecureRandom())
            .signerKey());
    private final NoteVerifier verifier = NoteVerifier.of(signer.verifierKey());

    /** Revision {@code revSeq} of {@code article} as the archive answers it: leaf {@code index} of log 9. */
    private static RevisionArchived revision(String article, int revSeq, long index) {
        return ArchiveLog.withLeaf(ArchiveLog.revision(article, revSeq, "2020-01-0" + revSeq + "T00:00:00Z",
                "text " + revSeq + " of the article, ünïcødé", Instant.parse("2024-05-01T00:00:00Z")
                        .plusSeconds(revSeq)), LOG, index);
    }

    @Test
    void aRevisionIsProvenAgainstASignedCheckpointWithNothingTrustedButTheKey() {
        String article = ArchiveLog.uniqueArticleKey("proof");
        List<ArchiveEvent> answers = new ArrayList<>();
        for (int revSeq = 1; revSeq <= 5; revSeq++) {
            answers.add(revision(article, revSeq, revSeq - 1));
        }
        answers.add(new SubmissionDeduplicated(null, EventMeta.now(Topics.REVISIONS_ARCHIVED, null),
                UUID.randomUUID(), article, 2, Instant.parse("2024-05-02T00:00:00Z"), new LogLeaf(LOG, 5)));
        MerkleTree tree = new MerkleTree();
        answers.forEach(answer -> tree.appendHash(ArchivedLeaves.of(answer).hash()));
        try (ArchiveLog log = new ArchiveLog()) {
            answers.forEach(log::publish);
            log.publish(answers.get(3)); // a redelivery: the copy holds it already
        }
        publishCheckpoint(3, tree.root(3));
        publishCheckpoint(4, TreeHashing.emptyRoot()); // signed, but not this log's tree: never proven against
        publishCheckpoint(6, tree.root(6));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/log").then().statusCode(200)
                .body("find { it.log == " + LOG + " }.size", equalTo(6))
                .body("find { it.log == " + LOG + " }.checkpointSize", equalTo(6)));

        // the client's side: the checkpoint's signature, the leaf from the fields and the text, the inclusion
        JsonPath proof = given().get("/articles/{key}/revisions/{n}/proof", article, 2).then().statusCode(200)
                .extract().jsonPath();
        Checkpoint checkpoint = assertDoesNotThrow(() -> Checkpoint.parse(verifier.open(proof.getString("checkpoint"))));
        assertEquals(ORIGIN, checkpoint.origin());
        assertEquals(6, checkpoint.size());
        byte[] text = given().accept("text/plain").get("/articles/{key}/revisions/{n}", article, 2).then()
                .statusCode(200).extract().asByteArray();
        byte[] leafHash = leafFrom(proof, article, text).hash();
        List<byte[]> inclusion = proof.getList("inclusion", String.class).stream()
                .map(Base64.getDecoder()::decode).toList();
        assertDoesNotThrow(() -> ProofVerifier.verifyInclusion(proof.getLong("index"), checkpoint.size(), leafHash,
                inclusion, checkpoint.rootHash()));
        assertArrayEquals(ArchivedLeaves.of(answers.get(1)).hash(), leafHash, "the archive's leaf, made again");

        // a newer checkpoint is consistent with an older one the client kept
        JsonPath consistency = given().queryParam("from", 3).queryParam("to", 6)
                .get("/log/{log}/consistency", LOG).then().statusCode(200).extract().jsonPath();
        assertDoesNotThrow(() -> ProofVerifier.verifyConsistency(3, 6, consistency.getList("hashes", String.class)
                .stream().map(Base64.getDecoder()::decode).toList(), tree.root(3), tree.root(6)));

        // the tiles a mirror copies: the six leaf hashes so far
        byte[] tile = given().get("/log/{log}/tile/0/000.p/6", LOG).then().statusCode(200)
                .header("Cache-Control", equalTo("public, max-age=31536000, immutable")).extract().asByteArray();
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(ArchivedLeaves.of(answers.get(i)).hash(),
                    Arrays.copyOfRange(tile, 32 * i, 32 * (i + 1)), "hash " + i + " of tile 0/000");
        }
        given().get("/log/{log}/tile/0/000.p/7", LOG).then().statusCode(404)
                .body("type", equalTo("https://palimpsest.dev/problems/tile-not-found"));
        given().get("/log/{log}/tile/0/00x", LOG).then().statusCode(400);
        // paths no tile has: too long for any index, a leading group of zeros, a width padded or of a full tile
        for (String path : List.of("x999/x999/x999/x999/x999/x999/000", "x000/005", "000.p/007", "000.p/256")) {
            given().urlEncodingEnabled(false).get("/log/" + LOG + "/tile/0/" + path).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().get("/log/{log}/checkpoint", LOG).then().statusCode(200)
                .body(equalTo(proof.getString("checkpoint")));
        given().get("/log/{log}/checkpoint", 30000).then().statusCode(404);
        given().queryParam("from", 7).queryParam("to", 6).get("/log/{log}/consistency", LOG).then().statusCode(400);

        // the checkpoint covering every log: served once the copy of each log it names agrees with it; one naming a
        // size the copy does not hold yet waits
        publishNote(FAMILY, new CoveringCheckpoint(FAMILY, List.of(new Checkpoint(ORIGIN, 3, tree.root(3))))
                .checkpoint());
        String cover = signer.sign(new CoveringCheckpoint(FAMILY, List.of(new Checkpoint(ORIGIN, 6, tree.root(6))))
                .checkpoint().body());
        publishNote(FAMILY, new CoveringCheckpoint(FAMILY, List.of(new Checkpoint(ORIGIN, 6, tree.root(6))))
                .checkpoint());
        publishNote(FAMILY, new CoveringCheckpoint(FAMILY, List.of(new Checkpoint(ORIGIN, 7, tree.root(6))))
                .checkpoint());
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/log/checkpoint").then().statusCode(200)
                .contentType(startsWith("text/plain")).body(equalTo(cover)));
        CoveringCheckpoint covered = assertDoesNotThrow(() -> CoveringCheckpoint.of(Checkpoint.parse(verifier.open(
                given().get("/log/checkpoint").then().extract().asString()))));
        assertEquals(checkpoint, covered.log(ORIGIN).orElseThrow(), "the same head as the log's own checkpoint");
    }

    @Test
    void aRevisionArchivedBeforeTheLogHasNoProofUntilItsAnswerComesAgainWithItsLeaf() {
        String article = ArchiveLog.uniqueArticleKey("no-proof");
        RevisionArchived beforeTheLog = ArchiveLog.revision(article, 1, "2020-01-01T00:00:00Z", "before the log",
                Instant.parse("2024-05-01T00:00:00Z"));
        try (ArchiveLog log = new ArchiveLog()) {
            log.publish(beforeTheLog);
        }
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/articles/{key}/revisions/1/proof", article)
                .then().statusCode(404)
                .body("type", equalTo("https://palimpsest.dev/problems/proof-not-available")));
        given().get("/articles/{key}/revisions/2/proof", article).then().statusCode(404)
                .body("type", equalTo("https://palimpsest.dev/problems/revision-not-found"));

        // the archive's backfill (ADR 0041) makes it leaf 0 of log 10 and answers it again: the revision held takes
        // the leaf's place, and is proven once a checkpoint covers it
        RevisionArchived backfilled = ArchiveLog.withLeaf(beforeTheLog, BACKFILLED_LOG, 0);
        try (ArchiveLog log = new ArchiveLog()) {
            log.publish(backfilled);
        }
        String origin = FAMILY + "/" + BACKFILLED_LOG;
        publishNote(origin, new Checkpoint(origin, 1, ArchivedLeaves.of(backfilled).hash()));
        JsonPath proof = await().atMost(PATIENCE).until(() -> given().get("/articles/{key}/revisions/1/proof",
                article).then().extract(), response -> response.statusCode() == 200).jsonPath();
        assertEquals(0, proof.getLong("index"));
        Checkpoint checkpoint = assertDoesNotThrow(() -> Checkpoint.parse(verifier.open(proof.getString("checkpoint"))));
        assertEquals(origin, checkpoint.origin());
        byte[] leafHash = leafFrom(proof, article, "before the log".getBytes(StandardCharsets.UTF_8)).hash();
        assertDoesNotThrow(() -> ProofVerifier.verifyInclusion(0, 1, leafHash, List.of(), checkpoint.rootHash()));
        given().get("/articles/{key}", article).then().statusCode(200).body("revisionCount", equalTo(1));
    }

    /** The leaf as a client makes it: from the proof's fields, and the text it was given, checked first. */
    private static RevisionLeaf leafFrom(JsonPath proof, String article, byte[] text) {
        Base64.Decoder base64 = Base64.getDecoder();
        byte[] textCommitment = base64.decode(proof.getString("leaf.textCommitment"));
        assertArrayEquals(textCommitment, Commitment.of(base64.decode(proof.getString("leaf.textSalt")), text),
                "the text is the one the leaf commits to");
        Long performerId = proof.getObject("leaf.performerId", Long.class);
        return new RevisionLeaf(article, proof.getInt("revSeq"), UUID.fromString(proof.getString("leaf.submissionId")),
                proof.getString("leaf.pageTitle"), Instant.parse(proof.getString("leaf.revTimestamp")),
                proof.getObject("leaf.revId", Long.class), proof.getObject("leaf.revParentId", Long.class),
                Commitment.of(base64.decode(proof.getString("leaf.performerSalt")),
                        RevisionLeaf.performerValue(performerId, proof.getString("leaf.performerText"))),
                Commitment.of(base64.decode(proof.getString("leaf.commentSalt")),
                        RevisionLeaf.commentValue(proof.getString("leaf.comment"))),
                textCommitment, proof.getBoolean("leaf.textHidden"), proof.getBoolean("leaf.commentHidden"),
                proof.getBoolean("leaf.performerHidden"), Instant.parse(proof.getString("leaf.archivedAt")));
    }

    private void publishCheckpoint(long size, byte[] root) {
        publishNote(ORIGIN, new Checkpoint(ORIGIN, size, root));
    }

    private void publishNote(String key, Checkpoint checkpoint) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            String note = signer.sign(checkpoint.body());
            assertDoesNotThrow(() -> producer.send(new ProducerRecord<>(Topics.LOG_CHECKPOINTS, key, note)).get());
        }
    }
}
