package dev.palimpsest.query.rebuild;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.MainText;
import dev.palimpsest.events.MediaWikiSource;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.Provenance;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.Sha1Base36;
import dev.palimpsest.events.TextsArchived;
import dev.palimpsest.events.Topics;
import dev.palimpsest.query.readmodel.ReadModelWriter;
import dev.palimpsest.textstore.PackCodec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The read model's write path on its own, for profiling (ADR 0033): an article's history as the archive ships it
 * (packs of 32 texts, each primed with the text before it, then the revisions naming them) applied through
 * {@link ReadModelWriter#applyAll} in batches of the live channel's size, as the live consumer and a rebuild apply
 * them. Prints the rate; asserts only that every revision was stored once. Long: runs only with
 * {@code -Dpalimpsest.readmodel.write-rate=REVISIONS}.
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "query"))
@EnabledIfSystemProperty(named = "palimpsest.readmodel.write-rate", matches = "\\d+")
class ReadModelWriteRateTest {

    private static final int BATCH = 200;

    @Inject
    ReadModelWriter writer;

    @Inject
    EntityManager database;

    @Test
    void appliesAnArticlesHistoryAsTheArchiveShipsIt() {
        int revisions = Integer.getInteger("palimpsest.readmodel.write-rate");
        String key = "enwiki:" + (1_000_000 + (int) (Math.random() * 1_000_000));
        List<ArchiveEvent> events = history(key, revisions);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuBegin = threads.getCurrentThreadCpuTime();
        long begin = System.nanoTime();
        for (int from = 0; from < events.size(); from += BATCH) {
            writer.applyAll(events.subList(from, Math.min(events.size(), from + BATCH)));
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuBegin) / 1e9;
        System.out.printf("read-model write rate: %,d records (%,d revisions) in %.2f s: %,.0f records/s; the"
                        + " applying thread's CPU %.2f s (%,.0f records a CPU second)%n", events.size(), revisions,
                seconds, events.size() / seconds, cpu, events.size() / cpu);
        long stored = QuarkusTransaction.requiringNew().call(() -> ((Number) database.createNativeQuery(
                "SELECT revision_count FROM article WHERE article_key = ?1").setParameter(1, key)
                .getSingleResult()).longValue());
        assertEquals(revisions, stored);
    }

    /**
     * The same history through the archived topic, then a rebuild from offset zero (ADR 0024) rated as the bench's
     * replay figure is: the records it replayed over its own start-to-switch time.
     */
    @Test
    void rebuildsTheReadModelFromTheTopic() throws Exception {
        int revisions = Integer.getInteger("palimpsest.readmodel.write-rate");
        String key = "enwiki:" + (2_000_000 + (int) (Math.random() * 1_000_000));
        try (dev.palimpsest.query.ArchiveLog log = new dev.palimpsest.query.ArchiveLog()) {
            history(key, revisions).forEach(log::publish);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(10)).until(() ->
                io.restassured.RestAssured.given().get("/articles/{key}", key).then().extract().statusCode() == 200
                        && io.restassured.RestAssured.given().get("/articles/{key}", key).then().extract().path(
                        "revisionCount").equals(revisions));
        io.restassured.RestAssured.given().auth().oauth2(dev.palimpsest.devstack.testing.TestTokens.admin())
                .post("/admin/read-model/rebuild").then().statusCode(202);
        io.restassured.response.Response status;
        do {
            Thread.sleep(200);
            status = io.restassured.RestAssured.given().auth()
                    .oauth2(dev.palimpsest.devstack.testing.TestTokens.admin()).get("/admin/read-model/rebuild")
                    .then().statusCode(200).extract().response();
        } while (!List.of("switched", "failed").contains(status.path("phase").toString()));
        assertEquals("switched", status.path("phase"));
        long replayed = ((Number) status.path("replayed")).longValue();
        double seconds = java.time.Duration.between(Instant.parse(status.path("startedAt")),
                Instant.parse(status.path("switchedAt"))).toNanos() / 1e9;
        System.out.printf("read-model rebuild: %,d records in %.2f s (start to switch): %,.0f records/s%n",
                replayed, seconds, replayed / seconds);
        io.restassured.RestAssured.given().get("/articles/{key}", key).then().statusCode(200)
                .body("revisionCount", org.hamcrest.Matchers.equalTo(revisions));
    }

    /** Texts of about 20 KB, each an edit of the one before; packs of 32 ahead of the revisions naming them. */
    private static List<ArchiveEvent> history(String key, int revisions) {
        List<ArchiveEvent> events = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            text.append("Paragraph ").append(i).append(" of the article, with a few words about anarchism.\n");
        }
        String previous = null;
        Instant start = Instant.parse("2002-01-01T00:00:00Z");
        String importId = UUID.randomUUID().toString();
        for (int first = 1; first <= revisions; first += TextsArchived.MAX_TEXTS) {
            List<String> texts = new ArrayList<>();
            for (int revSeq = first; revSeq < first + TextsArchived.MAX_TEXTS && revSeq <= revisions; revSeq++) {
                int at = (revSeq * 7919) % (text.length() - 10);
                text.insert(at, " edit " + revSeq + " ");
                texts.add(text.toString());
            }
            List<String> sha1s = texts.stream().map(ContentHash::sha1Hex).toList();
            events.add(new TextsArchived(TextsArchived.SCHEMA_1_1, EventMeta.now(Topics.REVISIONS_ARCHIVED, null),
                    UUID.randomUUID(), key, first, previous == null ? null : ContentHash.sha1Hex(previous), sha1s,
                    texts.stream().map(t -> t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).toList(),
                    PackCodec.pack(texts, previous)));
            for (int i = 0; i < texts.size(); i++) {
                int revSeq = first + i;
                events.add(new RevisionArchived(RevisionArchived.SCHEMA, EventMeta.now(Topics.REVISIONS_ARCHIVED,
                        null), UUID.randomUUID(), key, revSeq, new Provenance("Anarchism",
                        start.plusSeconds(3600L * revSeq), 100_000L + revSeq, revSeq == 1 ? null : 99_999L + revSeq,
                        new Performer(7L + revSeq % 50, "Editor " + revSeq % 50), "edit " + revSeq), new MainText(null,
                        sha1s.get(i), ContentHash.utf8Length(texts.get(i))), Instant.now(), null, null,
                        new MediaWikiSource("enwiki", Long.parseLong(key.substring(7)), 0, false, "wikitext",
                                "text/x-wiki", Sha1Base36.fromHex(sha1s.get(i)), importId)));
            }
            previous = texts.get(texts.size() - 1);
        }
        return events;
    }
}
