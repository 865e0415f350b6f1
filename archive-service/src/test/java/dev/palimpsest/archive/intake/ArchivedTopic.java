package dev.palimpsest.archive.intake;

import dev.palimpsest.devstack.testing.EventLog;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.TextsArchived;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.kafka.EventDeserializer;
import dev.palimpsest.textstore.PackCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One article's events on the archived topic, read as the read model reads them: in log order, every pack unpacked
 * with its base, which must be a text shipped before it. Fails if a revision names a text no earlier pack carried.
 */
public record ArchivedTopic(List<ArchiveEvent> events, Map<String, String> texts) {

    public static ArchivedTopic of(EventLog log, String articleKey) {
        return read(log.readAll(Topics.REVISIONS_ARCHIVED, new EventDeserializer.ArchiveEventDeserializer()).stream()
                .filter(record -> articleKey.equals(record.key())).map(ConsumerRecord::value).toList());
    }

    /** {@code events} read as a read model that holds nothing yet reads them. */
    public static ArchivedTopic read(List<ArchiveEvent> events) {
        Map<String, String> texts = new HashMap<>();
        for (ArchiveEvent event : events) {
            if (event instanceof TextsArchived pack) {
                String base = null;
                if (pack.baseSha1() != null) {
                    base = texts.get(pack.baseSha1());
                    assertNotNull(base, "the base of " + pack + " was shipped before it");
                }
                List<String> unpacked = PackCodec.unpack(pack.pack(), base);
                for (int i = 0; i < unpacked.size(); i++) {
                    texts.put(pack.sha1s().get(i), unpacked.get(i));
                }
            } else if (event instanceof RevisionArchived archived && archived.textInPack()) {
                assertTrue(texts.containsKey(archived.mainText().sha1()),
                        "revision " + archived.revSeq() + "'s text was shipped before it");
            }
        }
        return new ArchivedTopic(events, texts);
    }

    /** The text of {@code revision}: inline (events of earlier versions), or from the packs before it. */
    public String textOf(RevisionArchived revision) {
        return revision.mainText().text() != null ? revision.mainText().string()
                : texts.get(revision.mainText().sha1());
    }

    public List<TextsArchived> packs() {
        return events.stream().filter(TextsArchived.class::isInstance).map(TextsArchived.class::cast).toList();
    }
}
