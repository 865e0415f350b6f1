package dev.palimpsest.archive.intake;

import db.migration.V11__answers_from_revision_rows;
import dev.palimpsest.archive.history.ContentStore;
import dev.palimpsest.archive.history.RevisionArchiver;
import dev.palimpsest.archive.history.StoredTexts;
import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.EventLog;
import dev.palimpsest.devstack.testing.TestTokens;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.ContentSlot;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.MainText;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.Provenance;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.SubmissionDeduplicated;
import dev.palimpsest.events.SubmittedEvent;
import dev.palimpsest.events.TextsArchived;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.Utf8Text;
import dev.palimpsest.events.kafka.EventDeserializer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.ToIntFunction;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The archive against a real Kafka and PostgreSQL: numbering, idempotency, redelivery, dead letters. */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))
class ArchivingTest {

    /** Every event as if read from partition 0: archived to transparency log 0. */
    private static final ToIntFunction<SubmittedEvent> ONE_PARTITION = event -> 0;

    /** The /admin operations need the admin role: every request of this class carries an admin's token. */
    @BeforeEach
    void asAdmin() {
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + TestTokens.admin()).build();
    }

    @AfterEach
    void anonymousAgain() {
        RestAssured.requestSpecification = null;
    }

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static EventLog log() {
        return new EventLog(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    private static RevisionSubmitted submission(String articleKey, String text, String idempotencyKey) {
        return new RevisionSubmitted(RevisionSubmitted.SCHEMA, EventMeta.now(Topics.REVISIONS_SUBMITTED, "test"),
                articleKey, new Provenance("Title of " + articleKey, Instant.parse("2020-01-01T00:00:00Z"), null, null,
                Performer.named("Editor"), "comment"), new MainText(Utf8Text.of(text), ContentHash.sha1Hex(text),
                ContentHash.utf8Length(text)), idempotencyKey);
    }

    private static void submit(RevisionSubmitted event) {
        log().publish(Topics.REVISIONS_SUBMITTED, event.articleKey(), event);
    }

    private static List<ArchiveEvent> answersTo(UUID submissionId) {
        return log().readAll(Topics.REVISIONS_ARCHIVED, new EventDeserializer.ArchiveEventDeserializer()).stream()
                .map(ConsumerRecord::value)
                .filter(answer -> !(answer instanceof dev.palimpsest.events.TextsArchived)) // texts, not answers
                .filter(answer -> answer.submissionId().equals(submissionId)).toList();
    }

    private static ArchiveEvent awaitAnswer(UUID submissionId) {
        return await().atMost(PATIENCE).until(() -> answersTo(submissionId), answers -> !answers.isEmpty()).get(0);
    }

    private static void awaitCounts(String articleKey, int revisions, int submissions) {
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/admin/articles/{key}", articleKey)
                .then().statusCode(200)
                .body("revisionCount", equalTo(revisions))
                .body("submissionCount", equalTo(submissions)));
    }

    @Test
    void revisionsAreNumberedPerArticleAndPublishedWithTheirTextBeforeThem() {
        String text = "佳士工人声援团\nfirst\n";
        RevisionSubmitted first = submission("archive-a", text, "rev:1");
        RevisionSubmitted second = submission("archive-a", text + "second\n", "rev:2");
        RevisionSubmitted other = submission("archive-b", "other article", "rev:1");
        submit(first);
        submit(second);
        submit(other);

        RevisionArchived archivedFirst = assertInstanceOf(RevisionArchived.class, awaitAnswer(first.meta().id()));
        assertEquals(1, archivedFirst.revSeq());
        assertEquals(null, archivedFirst.mainText().text(), "the text travels in a pack");
        assertEquals(text, ArchivedTopic.of(log(), "archive-a").textOf(archivedFirst));
        assertEquals(ContentHash.sha1Hex(text.getBytes(StandardCharsets.UTF_8)), archivedFirst.mainText().sha1());
        assertEquals("Editor", archivedFirst.provenance().performer().userText());
        assertNotNull(archivedFirst.archivedAt());
        assertEquals(2, awaitAnswer(second.meta().id()).revSeq());
        assertEquals(1, awaitAnswer(other.meta().id()).revSeq());
        awaitCounts("archive-a", 2, 2);
    }

    @Test
    void theSameRevisionSubmittedAgainIsStoredOnce() {
        RevisionSubmitted original = submission("archive-c", "text", "rev:7");
        submit(original);
        assertEquals(1, awaitAnswer(original.meta().id()).revSeq());

        RevisionSubmitted again = submission("archive-c", "text", "rev:7");
        submit(again);
        SubmissionDeduplicated duplicate =
                assertInstanceOf(SubmissionDeduplicated.class, awaitAnswer(again.meta().id()));
        assertEquals(1, duplicate.revSeq());
        awaitCounts("archive-c", 1, 2);
    }

    @Test
    void aRedeliveredEventStoresNothingAndIsAnsweredIdentically() {
        RevisionSubmitted event = submission("archive-d", "text", "content:abc");
        submit(event);
        ArchiveEvent firstAnswer = awaitAnswer(event.meta().id());
        submit(event); // the very same event, as after a crash before the offset commit
        List<ArchiveEvent> answers = await().atMost(PATIENCE)
                .until(() -> answersTo(event.meta().id()), found -> found.size() == 2);
        assertEquals(firstAnswer.meta().id(), answers.get(1).meta().id());
        assertEquals(firstAnswer.revSeq(), answers.get(1).revSeq());
        assertInstanceOf(RevisionArchived.class, answers.get(1));
        awaitCounts("archive-d", 1, 1);
    }

    @Test
    void anUndecodableEventIsDeadLetteredWithItsReasonAndTheConsumerGoesOn() {
        long deadLettersBefore = log().count(Topics.REVISIONS_DLQ);
        log().publishRaw(Topics.REVISIONS_SUBMITTED, "archive-e", "{not json".getBytes(StandardCharsets.UTF_8));
        RevisionSubmitted after = submission("archive-e", "fine", "rev:1");
        submit(after);
        assertEquals(1, awaitAnswer(after.meta().id()).revSeq());

        List<ConsumerRecord<String, byte[]>> deadLetters = await().atMost(PATIENCE)
                .until(() -> log().readAll(Topics.REVISIONS_DLQ, new ByteArrayDeserializer()),
                        found -> found.size() > deadLettersBefore);
        ConsumerRecord<String, byte[]> deadLetter = deadLetters.get(deadLetters.size() - 1);
        assertEquals("{not json", new String(deadLetter.value(), StandardCharsets.UTF_8));
        Header reason = deadLetter.headers().lastHeader("dead-letter-reason");
        assertNotNull(reason, "the reason travels in a header");
        assertTrue(new String(reason.value(), StandardCharsets.UTF_8).contains("not a valid SubmittedEvent"));

        // handled, so health stays UP, and counted
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'dead-letters' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'dead-letters' }.data.topic", equalTo(Topics.REVISIONS_DLQ))
                .body("checks.find { it.name == 'dead-letters' }.data.publishedSinceStart", greaterThanOrEqualTo(1));
    }

    @Test
    void aDecodableEventTheDatabaseRefusesIsDeadLetteredAsJsonAndTheConsumerGoesOn() {
        long deadLettersBefore = log().count(Topics.REVISIONS_DLQ);
        // ingest refuses NUL characters; a producer that bypasses it gets them refused by the archive instead
        RevisionSubmitted poisoned = submission("archive-f", "a\0b", "rev:1");
        submit(poisoned);
        RevisionSubmitted after = submission("archive-f", "fine", "rev:2");
        submit(after);
        assertEquals(1, awaitAnswer(after.meta().id()).revSeq(), "the poisoned event took no sequence number");
        assertTrue(answersTo(poisoned.meta().id()).isEmpty(), "the poisoned event was not archived");

        List<ConsumerRecord<String, byte[]>> deadLetters = await().atMost(PATIENCE)
                .until(() -> log().readAll(Topics.REVISIONS_DLQ, new ByteArrayDeserializer()),
                        found -> found.size() > deadLettersBefore);
        ConsumerRecord<String, byte[]> deadLetter = deadLetters.get(deadLetters.size() - 1);
        assertEquals("archive-f", deadLetter.key());
        assertTrue(new String(deadLetter.value(), StandardCharsets.UTF_8).contains(poisoned.meta().id().toString()),
                "the dead letter is the event itself");
        assertNotNull(deadLetter.headers().lastHeader("dead-letter-reason"));
    }

    @Test
    void aTextHiddenAtTheSourceIsArchivedAsHiddenNotAsEmpty() {
        RevisionSubmitted hidden = new RevisionSubmitted(RevisionSubmitted.SCHEMA,
                EventMeta.now(Topics.REVISIONS_SUBMITTED, "test"), "archive-h", new Provenance("T",
                Instant.parse("2020-01-01T00:00:00Z"), 11L, null, null, null), MainText.HIDDEN, "rev:11",
                new dev.palimpsest.events.MediaWikiSource("testwiki", 7, 2, true, "wikitext", "text/x-wiki", "",
                        "import-1"), dev.palimpsest.events.Visibility.of(true, true, true));
        submit(hidden);
        RevisionArchived archived = assertInstanceOf(RevisionArchived.class, awaitAnswer(hidden.meta().id()));
        assertEquals(1, archived.revSeq());
        assertEquals(null, archived.mainText().text());
        assertEquals(null, archived.mainText().sha1());
        assertEquals(-1, archived.mainText().length());
        assertEquals(new dev.palimpsest.events.Visibility(true, true, true), archived.visibility());
        assertEquals(hidden.source(), archived.source(), "the MediaWiki source is kept and relayed");
    }

    @Inject
    EntityManager database;

    @Inject
    ContentStore contents;

    private long storedTexts(String articleKey) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) database
                .createNativeQuery("SELECT count(*) FROM content WHERE article_key = ?1")
                .setParameter(1, articleKey).getSingleResult()).longValue());
    }

    @Test
    void identicalTextsOfAnArticleAreStoredOnceAndEachRevisionStillAnswersWithItsText() {
        List<RevisionSubmitted> edits = List.of(submission("archive-i", "stable text", "rev:1"),
                submission("archive-i", "vandalised", "rev:2"), submission("archive-i", "stable text", "rev:3"),
                submission("archive-i", "stable text", "rev:4"));
        edits.forEach(ArchivingTest::submit);
        for (RevisionSubmitted edit : edits) {
            assertInstanceOf(RevisionArchived.class, awaitAnswer(edit.meta().id()));
        }
        ArchivedTopic topic = ArchivedTopic.of(log(), "archive-i");
        for (RevisionSubmitted edit : edits) {
            assertEquals(edit.mainText().string(), topic.textOf((RevisionArchived) answersTo(edit.meta().id()).get(0)));
        }
        assertEquals(List.of(ContentHash.sha1Hex("stable text"), ContentHash.sha1Hex("vandalised")),
                topic.packs().stream().flatMap(pack -> pack.sha1s().stream()).toList(),
                "each distinct text is shipped once, in the order the history met them");
        awaitCounts("archive-i", 4, 4);
        assertEquals(2, storedTexts("archive-i"), "four revisions, two distinct texts");

        // a redelivered submission is answered from the stored copy; its text is shipped again, in a pack that
        // needs no other text to read
        submit(edits.get(2));
        await().atMost(PATIENCE).until(() -> answersTo(edits.get(2).meta().id()), answers -> answers.size() == 2);
        ArchivedTopic after = ArchivedTopic.of(log(), "archive-i");
        dev.palimpsest.events.TextsArchived again = after.packs().get(after.packs().size() - 1);
        assertEquals(null, again.baseSha1());
        assertEquals(List.of("stable text"), dev.palimpsest.textstore.PackCodec.unpack(
                ArchivedTopic.opened(again, after.keys()), null));
        assertTrue(again.sealed(), "sealed with the article's key, published on the keys topic before it");
        assertEquals("stable text", after.textOf((RevisionArchived) answersTo(edits.get(2).meta().id()).get(1)));
    }

    @Test
    void aBatchRedeliveredAfterACrashShipsItsReplayedTextsBeforeThePacksPrimedWithThem() {
        // an instance archived two revisions and died before publishing their answers: nothing of them reached
        // the archived topic
        List<RevisionSubmitted> committed = List.of(submission("archive-crash", "the first text", "rev:1"),
                submission("archive-crash", "the second text", "rev:2"));
        archiver.archiveAll(committed, ONE_PARTITION);
        // the next instance reads them again, with a new revision behind them in the same poll
        RevisionSubmitted fresh = submission("archive-crash", "the second text, edited", "rev:3");
        List<ArchiveEvent> published = archiver.archiveAll(List.of(committed.get(0), committed.get(1), fresh),
                ONE_PARTITION);

        // what it publishes reads on its own, in order: every pack's base was shipped before the pack
        ArchivedTopic topic = ArchivedTopic.read(published, keysInDatabase());
        assertEquals(List.of(1, 2, 3), answers(published).stream().map(ArchiveEvent::revSeq).toList());
        assertEquals(List.of("the first text", "the second text", "the second text, edited"),
                answers(published).stream().map(answer -> topic.textOf((RevisionArchived) answer)).toList());
    }

    @Test
    void shippedPacksHoldTextsOfOneRunOf256RevisionsAndStartAChainAfreshInTheNextRunWithTheirLengths() {
        String key = "archive-runs";
        List<RevisionSubmitted> edits = new java.util.ArrayList<>();
        for (int revSeq = 1; revSeq <= 300; revSeq++) {
            edits.add(submission(key, "text of revision " + revSeq + " 佳士", "rev:" + revSeq));
        }
        List<ArchiveEvent> published = new java.util.ArrayList<>(archiver.archiveAll(edits.subList(0, 200), ONE_PARTITION));
        published.addAll(archiver.archiveAll(edits.subList(200, 300), ONE_PARTITION));

        List<TextsArchived> packs = ArchivedTopic.read(published, keysInDatabase()).packs();
        assertEquals(List.of(1, 33, 65, 97, 129, 161, 193, 201, 233, 257, 289),
                packs.stream().map(TextsArchived::revSeq).toList(), "cut at 32 texts, at batches, and at 256");
        assertEquals(List.of(true, false, false, false, false, false, false, false, false, true, false),
                packs.stream().map(pack -> pack.baseSha1() == null).toList(),
                "a chain starts afresh at the first pack and at the first of the next run");
        for (TextsArchived pack : packs) {
            List<String> texts = dev.palimpsest.textstore.PackCodec.unpack(
                    ArchivedTopic.opened(pack, keysInDatabase()),
                    pack.baseSha1() == null ? null : textWithSha1(edits, pack.baseSha1()));
            assertEquals(texts.stream().map(text -> text.getBytes(StandardCharsets.UTF_8).length).toList(),
                    pack.lengths(), "each text's UTF-8 length, in pack order");
        }
        ArchivedTopic topic = ArchivedTopic.read(published, keysInDatabase());
        assertEquals(edits.stream().map(edit -> edit.mainText().string()).toList(), answers(published).stream()
                .map(answer -> topic.textOf((RevisionArchived) answer)).toList());
    }

    private static String textWithSha1(List<RevisionSubmitted> edits, String sha1) {
        return edits.stream().filter(edit -> edit.mainText().sha1().equals(sha1)).findFirst().orElseThrow()
                .mainText().string();
    }

    @Test
    void aTextOnlyAnotherSlotNamedIsShippedWhenAMainTextFirstNamesItAndAMainTextHeldIsNot() {
        // the read model keeps other slots' texts with their revision, not among the main texts it reads packs of
        String shared = "{\"labels\":{\"en\":\"shared\"}}";
        ContentSlot slot = ContentSlot.of("mediainfo", "wikibase-mediainfo", "application/json", shared, false);
        RevisionSubmitted plain = submission("archive-slot-main", "main text A", "rev:1");
        RevisionSubmitted first = new RevisionSubmitted(RevisionSubmitted.SCHEMA, plain.meta(), plain.articleKey(),
                new Provenance(plain.provenance().pageTitle(), plain.provenance().revTimestamp(), 1L, null,
                        plain.provenance().performer(), plain.provenance().comment()),
                plain.mainText(), plain.idempotencyKey(), null, null, List.of(slot));
        List<ArchiveEvent> before = archiver.archiveAll(List.of(first), ONE_PARTITION);
        RevisionSubmitted second = submission("archive-slot-main", shared, "rev:2");
        RevisionSubmitted third = submission("archive-slot-main", "main text A", "rev:3");
        List<ArchiveEvent> published = archiver.archiveAll(List.of(second, third), ONE_PARTITION);

        assertEquals(List.of(ContentHash.sha1Hex(shared)), published.stream()
                        .filter(dev.palimpsest.events.TextsArchived.class::isInstance)
                        .map(dev.palimpsest.events.TextsArchived.class::cast)
                        .flatMap(pack -> pack.sha1s().stream()).toList(),
                "the slot's text is new among the main texts; revision 1's main text is held");
        List<ArchiveEvent> both = new java.util.ArrayList<>(before);
        both.addAll(published);
        ArchivedTopic topic = ArchivedTopic.read(both, keysInDatabase());
        assertEquals(List.of(shared, "main text A"), answers(published).stream()
                .map(answer -> topic.textOf((RevisionArchived) answer)).toList());
    }

    @Test
    void aDifferentTextUnderAStoredSha1IsDeadLetteredNotMergedAndTheArticleGoesOn() {
        // plant what a sha1 collision would look like: another text already stored under this text's sha1
        QuarkusTransaction.requiringNew().run(() -> {
            database.createNativeQuery("""
                    INSERT INTO article (article_key, current_title, revision_count, created_at)
                    VALUES ('archive-j', 'T', 0, now())""").executeUpdate();
            contents.store("archive-j", ContentHash.sha1Hex("the genuine text"),
                    "forged".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        long deadLettersBefore = log().count(Topics.REVISIONS_DLQ);
        RevisionSubmitted colliding = submission("archive-j", "the genuine text", "rev:1");
        RevisionSubmitted after = submission("archive-j", "another text", "rev:2");
        submit(colliding);
        submit(after);
        assertEquals(1, awaitAnswer(after.meta().id()).revSeq(), "the colliding submission took no number");
        assertTrue(answersTo(colliding.meta().id()).isEmpty());
        List<ConsumerRecord<String, byte[]>> deadLetters = await().atMost(PATIENCE)
                .until(() -> log().readAll(Topics.REVISIONS_DLQ, new ByteArrayDeserializer()),
                        found -> found.size() > deadLettersBefore);
        Header reason = deadLetters.get(deadLetters.size() - 1).headers().lastHeader("dead-letter-reason");
        assertTrue(new String(reason.value(), StandardCharsets.UTF_8).contains("sha1 collision"));
    }

    @Test
    void otherSlotsAreArchivedBesideTheMainTextAndAnsweredAgainOnRedelivery() {
        ContentSlot mediainfo = ContentSlot.of("mediainfo", "wikibase-mediainfo", "application/json",
                "{\"labels\":{\"zh\":\"佳士\"}}", false);
        ContentSlot hidden = ContentSlot.of("extra", null, null, null, true);
        RevisionSubmitted plain = submission("archive-k", "main text", "rev:1");
        RevisionSubmitted multi = new RevisionSubmitted(RevisionSubmitted.SCHEMA, plain.meta(), plain.articleKey(),
                new Provenance(plain.provenance().pageTitle(), plain.provenance().revTimestamp(), 1L, null,
                        plain.provenance().performer(), plain.provenance().comment()),
                plain.mainText(), plain.idempotencyKey(), null,
                null, List.of(mediainfo, hidden));
        submit(multi);
        RevisionArchived archived = assertInstanceOf(RevisionArchived.class, awaitAnswer(multi.meta().id()));
        assertEquals("main text", ArchivedTopic.of(log(), "archive-k").textOf(archived));
        assertEquals(List.of(hidden, mediainfo), archived.slots(), "by role, hashes recomputed, hidden kept hidden");
        assertEquals(2, storedTexts("archive-k"), "the main text and the mediainfo JSON");

        submit(multi);
        await().atMost(PATIENCE).until(() -> answersTo(multi.meta().id()), answers -> answers.size() == 2);
        RevisionArchived again = (RevisionArchived) answersTo(multi.meta().id()).get(1);
        assertEquals(archived.meta().id(), again.meta().id(), "the same answer, rebuilt from storage");
        assertEquals(archived.slots(), again.slots());
        assertEquals(archived.archivedAt(), again.archivedAt(), "to the microsecond the database keeps");
    }

    @Inject
    RevisionArchiver archiver;

    @Inject
    DataSource dataSource;

    /** The keys as the archive holds them (what the archiver returned was not published: no keys on the topic). */
    private ArchivedTopic.Keys keysInDatabase() {
        return (articleKey, epoch) -> {
            try (Connection connection = dataSource.getConnection();
                 java.sql.PreparedStatement query = connection.prepareStatement(
                         "SELECT key FROM text_key WHERE article_key = ? AND epoch = ?")) {
                query.setString(1, articleKey);
                query.setInt(2, epoch);
                try (java.sql.ResultSet row = query.executeQuery()) {
                    assertTrue(row.next(), "the archive holds key " + epoch + " of " + articleKey);
                    return new dev.palimpsest.textstore.sealed.TextKey(epoch, row.getBytes(1));
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void theV11MigrationKeepsAnsweringSubmissionsStoredBeforeIt() throws Exception {
        RevisionSubmitted original = submission("archive-upgrade", "text", "rev:1");
        RevisionSubmitted duplicate = submission("archive-upgrade", "text", "rev:1");
        List<ArchiveEvent> first = answers(archiver.archiveAll(List.of(original, duplicate), ONE_PARTITION));
        try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
            // the layout before V11, as a database written by that version holds it: a row for every answered
            // submission with its outcome, and revisions with an identity id
            ddl.execute("""
                    ALTER TABLE submission ADD COLUMN outcome text NOT NULL DEFAULT 'DEDUPLICATED'
                        CHECK (outcome IN ('ARCHIVED', 'DEDUPLICATED'))""");
            ddl.execute("""
                    INSERT INTO submission (submission_id, article_key, rev_seq, received_at, outcome)
                    SELECT submission_id, article_key, rev_seq, archived_at, 'ARCHIVED' FROM revision""");
            ddl.execute("ALTER TABLE revision ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
            StoredTexts.migrate(new V11__answers_from_revision_rows(), connection);
            try (ResultSet rows = ddl.executeQuery(
                    "SELECT submission_id FROM submission WHERE article_key = 'archive-upgrade'")) {
                assertTrue(rows.next());
                assertEquals(duplicate.meta().id(), rows.getObject(1, UUID.class), "only the duplicate keeps a row");
                assertFalse(rows.next());
            }
        }
        // redelivered after the upgrade: answered as before, nothing stored
        List<ArchiveEvent> again = answers(archiver.archiveAll(List.of(original, duplicate), ONE_PARTITION));
        assertEquals(first.stream().map(answer -> answer.meta().id()).toList(),
                again.stream().map(answer -> answer.meta().id()).toList());
        assertEquals(first.stream().map(ArchiveEvent::revSeq).toList(), List.of(1, 1));
        assertEquals(first.stream().map(ArchiveEvent::getClass).toList(),
                again.stream().map(ArchiveEvent::getClass).toList());
        assertEquals(((RevisionArchived) first.get(0)).archivedAt(), ((RevisionArchived) again.get(0)).archivedAt());
        given().get("/admin/articles/{key}", "archive-upgrade").then().statusCode(200)
                .body("revisionCount", equalTo(1)).body("submissionCount", equalTo(2));
    }

    /** The answers among what the archiver returns (packs of texts come first). */
    private static List<ArchiveEvent> answers(List<ArchiveEvent> returned) {
        return returned.stream().filter(event -> !(event instanceof TextsArchived)).toList();
    }

    @Test
    void unknownArticleIsAProblem() {
        given().get("/admin/articles/{key}", "never-submitted").then().statusCode(404)
                .contentType("application/problem+json").body("type", endsWith("/problems/article-not-found"));
    }

    @Test
    void healthReportsKafkaAndTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("Kafka"))
                .body(containsString("Database"));
    }
}
