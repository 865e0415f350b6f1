package dev.palimpsest.archive.sealing;

import dev.palimpsest.events.TextKeyState;
import dev.palimpsest.events.TextsArchived;
import dev.palimpsest.textstore.RecentlyUsed;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes the articles' text keys on {@code palimpsest.text-keys} (ADR 0042) before anything sealed with them is
 * published, so a reader of the archived topic can open its packs: called with a batch's packs once the batch has
 * committed, it sends each key they are sealed with that this instance has not sent yet and waits for the broker's
 * acknowledgement. Sending a key again is harmless (the topic keeps its latest state), so an instance that restarts
 * sends each again once, and a redelivered batch finds its keys sent.
 */
@ApplicationScoped
public class TextKeyPublisher {

    /** How many (article, epoch) pairs are remembered as sent: beyond it, a key is sent again when next needed. */
    private static final long REMEMBERED = 100_000;

    private final DataSource dataSource;
    private final MutinyEmitter<TextKeyState> keys;
    private final RecentlyUsed<String, Boolean> sent = new RecentlyUsed<>(REMEMBERED, ignored -> 1);

    public TextKeyPublisher(DataSource dataSource, @Channel("text-keys") MutinyEmitter<TextKeyState> keys) {
        this.dataSource = dataSource;
        this.keys = keys;
    }

    /**
     * Sends the markers of the article's keys of every epoch before {@code keyEpoch}, which an erasure destroyed
     * (ADR 0042), once what it re-sealed under that epoch's key was published; waits for them. Compaction then drops
     * the keys' earlier records, and with them their bytes, once their segment is closed: {@code LogTrimming} sends
     * the markers again when the topic's {@code segment.ms} has passed, since only an append closes a segment.
     */
    public void publishDestroyed(String articleKey, int keyEpoch, Instant at, UUID byRedaction) {
        List<Uni<Void>> sends = new ArrayList<>();
        for (int epoch = 1; epoch < keyEpoch; epoch++) {
            String topicKey = TextKeyState.topicKey(articleKey, epoch);
            sends.add(keys.sendMessage(Message.of(TextKeyState.destroyed(articleKey, epoch, at, byRedaction))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(topicKey).build())));
            sent.remove(topicKey);
        }
        if (!sends.isEmpty()) {
            Uni.join().all(sends).andFailFast().await().indefinitely();
        }
    }

    /**
     * Sends the keys {@code packs} are sealed with that this instance has not sent yet, and waits for them: the
     * database is read only for those (a batch whose articles' keys were sent reads nothing).
     */
    public void publishKeysOf(Collection<TextsArchived> packs) {
        Map<String, TextKeys.ArticleEpoch> unsent = new LinkedHashMap<>();
        for (TextsArchived pack : packs) {
            if (pack.sealed()) {
                String topicKey = TextKeyState.topicKey(pack.articleKey(), pack.keyEpoch());
                if (sent.get(topicKey) == null) {
                    unsent.putIfAbsent(topicKey, new TextKeys.ArticleEpoch(pack.articleKey(), pack.keyEpoch()));
                }
            }
        }
        if (unsent.isEmpty()) {
            return;
        }
        List<TextKeys.ArticleKey> found;
        try (Connection connection = dataSource.getConnection()) {
            found = TextKeys.of(connection, unsent.values());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + unsent.size() + " text key(s)", e);
        }
        List<Uni<Void>> sends = new ArrayList<>();
        for (TextKeys.ArticleKey article : found) {
            String topicKey = TextKeyState.topicKey(article.articleKey(), article.key().epoch());
            sends.add(keys.sendMessage(Message.of(TextKeyState.held(article.articleKey(), article.key().epoch(),
                    article.key().bytes())).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(topicKey).build())));
        }
        if (!sends.isEmpty()) {
            Uni.join().all(sends).andFailFast().await().indefinitely();
            found.forEach(article -> sent.put(TextKeyState.topicKey(article.articleKey(), article.key().epoch()),
                    Boolean.TRUE));
        }
    }
}
