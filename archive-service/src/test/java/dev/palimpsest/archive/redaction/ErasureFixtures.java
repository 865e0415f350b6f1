package dev.palimpsest.archive.redaction;

import dev.palimpsest.devstack.testing.EventLog;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.MainText;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.Provenance;
import dev.palimpsest.events.RevisionRedactionRequested;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.TextsArchived;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.Utf8Text;
import dev.palimpsest.events.kafka.EventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** What the erasure tests submit to the archive, and how they wait for its answers, on the test's stack. */
public final class ErasureFixtures {

    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private ErasureFixtures() {
    }

    public static EventLog log() {
        return new EventLog(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    /** Revision {@code n} of the article, made a second apart, by the same editor. */
    public static RevisionSubmitted revision(String articleKey, int n, String text) {
        return new RevisionSubmitted(RevisionSubmitted.SCHEMA, EventMeta.now(Topics.REVISIONS_SUBMITTED, "test"),
                articleKey, new Provenance("Title of " + articleKey, Instant.parse("2020-01-01T00:00:00Z")
                .plusSeconds(n), null, null, Performer.named("Editor"), "edit " + n),
                new MainText(Utf8Text.of(text), ContentHash.sha1Hex(text), ContentHash.utf8Length(text)),
                "edit:" + articleKey + ":" + n);
    }

    /** An administrator's request to erase revision {@code revSeq}'s text. */
    public static RevisionRedactionRequested erasure(String articleKey, int revSeq) {
        return new RevisionRedactionRequested(RevisionRedactionRequested.SCHEMA,
                EventMeta.now(Topics.REVISIONS_SUBMITTED, "test"), articleKey, revSeq, "libel (court order)",
                Performer.named("Admin"), true);
    }

    public static void publish(String articleKey, Object event) {
        log().publish(Topics.REVISIONS_SUBMITTED, articleKey, event);
    }

    /** The article's records of the archived topic, in order. */
    public static List<ArchiveEvent> archived(String articleKey) {
        return log().readAll(Topics.REVISIONS_ARCHIVED, new EventDeserializer.ArchiveEventDeserializer()).stream()
                .filter(record -> articleKey.equals(record.key())).map(ConsumerRecord::value).toList();
    }

    /** The answer to submission {@code id} (not a pack of texts), once published. */
    public static ArchiveEvent awaitAnswer(String articleKey, UUID id) {
        return await().atMost(PATIENCE).until(() -> archived(articleKey).stream()
                .filter(answer -> !(answer instanceof TextsArchived))
                .filter(answer -> answer.submissionId().equals(id)).toList(), answers -> !answers.isEmpty()).get(0);
    }
}
