package dev.palimpsest.archive.intake;

import dev.palimpsest.devstack.testing.EventLog;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.TextKeyState;
import dev.palimpsest.events.TextsArchived;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.kafka.EventDeserializer;
import dev.palimpsest.textstore.PackCodec;
import dev.palimpsest.textstore.sealed.SealedPack;
import dev.palimpsest.textstore.sealed.TextKey;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One article's events on the archived topic, read as the read model reads them: in log order, every pack opened
 * with its article's key (from the keys topic, ADR 0042) and unpacked with its base, which must be a text shipped
 * before it. Fails if a revision names a text no earlier pack carried.
 */
public record ArchivedTopic(List<ArchiveEvent> events, Map<String, String> texts, Keys keys) {

    /** Where a reader finds the key a pack is sealed with. */
    @FunctionalInterface
    public interface Keys {
        TextKey of(String articleKey, int epoch);
    }

    /** The keys as the keys topic holds them now (the latest state of each). */
    public static Keys keysOn(EventLog log) {
        Map<String, TextKeyState> latest = new HashMap<>();
        log.readAll(Topics.TEXT_KEYS, new EventDeserializer.TextKeyStateDeserializer())
                .forEach(record -> latest.put(record.key(), record.value()));
        return (articleKey, epoch) -> {
            TextKeyState state = latest.get(TextKeyState.topicKey(articleKey, epoch));
            assertNotNull(state, "the key of epoch " + epoch + " of " + articleKey + " is on the keys topic");
            assertNotNull(state.key(), "the key of epoch " + epoch + " of " + articleKey + " is not destroyed");
            return new TextKey(epoch, state.key());
        };
    }

    public static ArchivedTopic of(EventLog log, String articleKey) {
        return read(log.readAll(Topics.REVISIONS_ARCHIVED, new EventDeserializer.ArchiveEventDeserializer()).stream()
                .filter(record -> articleKey.equals(record.key())).map(ConsumerRecord::value).toList(), keysOn(log));
    }

    /** {@code events} read as a read model that holds nothing yet reads them, its keys from {@code keys}. */
    public static ArchivedTopic read(List<ArchiveEvent> events, Keys keys) {
        Map<String, String> texts = new HashMap<>();
        for (ArchiveEvent event : events) {
            if (event instanceof TextsArchived pack) {
                String base = null;
                if (pack.baseSha1() != null) {
                    base = texts.get(pack.baseSha1());
                    assertNotNull(base, "the base of " + pack + " was shipped before it");
                }
                List<String> unpacked = PackCodec.unpack(opened(pack, keys), base);
                for (int i = 0; i < unpacked.size(); i++) {
                    texts.put(pack.sha1s().get(i), unpacked.get(i));
                }
            } else if (event instanceof RevisionArchived archived && archived.textInPack()) {
                assertTrue(texts.containsKey(archived.mainText().sha1()),
                        "revision " + archived.revSeq() + "'s text was shipped before it");
            }
        }
        return new ArchivedTopic(events, texts, keys);
    }

    /** A pack's zstd frame: opened with its key when it is sealed, as shipped when not. */
    public static byte[] opened(TextsArchived pack, Keys keys) {
        return pack.sealed() ? SealedPack.open(keys.of(pack.articleKey(), pack.keyEpoch()), pack.articleKey(),
                pack.pack()).pack() : pack.pack();
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
