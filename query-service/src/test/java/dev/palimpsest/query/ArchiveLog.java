package dev.palimpsest.query;

import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.MainText;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.Provenance;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.SubmissionDeduplicated;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.Utf8Text;
import dev.palimpsest.events.kafka.EventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plays the archive in tests: writes events to {@link Topics#REVISIONS_ARCHIVED} on the devstack's broker, keyed
 * by article key as the archive does, and waits for each to be acknowledged.
 */
public final class ArchiveLog implements AutoCloseable {

    private final KafkaProducer<String, Object> events;
    private final KafkaProducer<String, byte[]> raw;

    public ArchiveLog() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, EventSerializer.class.getName());
        events = new KafkaProducer<>(config);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        raw = new KafkaProducer<>(config);
    }

    public RecordMetadata publish(ArchiveEvent event) {
        return await(events.send(new ProducerRecord<>(Topics.REVISIONS_ARCHIVED, event.articleKey(), event)));
    }

    /** A record that is not an archive event at all, as a buggy or hostile producer might write. */
    public RecordMetadata publishBytes(String articleKey, byte[] value) {
        return await(raw.send(new ProducerRecord<>(Topics.REVISIONS_ARCHIVED, articleKey, value)));
    }

    public static String uniqueArticleKey(String purpose) {
        return "test:" + purpose + ":" + UUID.randomUUID();
    }

    /** A consistent revision: sha1 and length computed from the text, source ids derived from the sequence. */
    public static RevisionArchived revision(String articleKey, int revSeq, String revTimestamp, String text) {
        return revision(articleKey, revSeq, revTimestamp, text, Instant.now());
    }

    /** The same, archived at a given (transaction) time. */
    public static RevisionArchived revision(String articleKey, int revSeq, String revTimestamp, String text,
                                            Instant archivedAt) {
        return new RevisionArchived(RevisionArchived.SCHEMA, EventMeta.now(Topics.REVISIONS_ARCHIVED, null),
                UUID.randomUUID(), articleKey, revSeq, new Provenance("Title " + revSeq, Instant.parse(revTimestamp),
                1000L + revSeq, revSeq == 1 ? null : 999L + revSeq, new Performer(7L, "Editor " + revSeq),
                "edit " + revSeq), new MainText(Utf8Text.of(text), ContentHash.sha1Hex(text),
                ContentHash.utf8Length(text)), archivedAt);
    }

    /**
     * {@code revision} (its text inline) as leaf {@code index} of transparency log {@code log}: with fresh salts and
     * its text's commitment, as the archive answers (ADR 0041).
     */
    public static RevisionArchived withLeaf(RevisionArchived revision, int log, long index) {
        dev.palimpsest.tlog.leaves.LeafSalts salts = dev.palimpsest.tlog.leaves.LeafSalts.fresh();
        byte[] commitment = dev.palimpsest.tlog.leaves.Commitment.of(salts.text(),
                revision.mainText().text().utf8());
        return new RevisionArchived(revision.schema(), revision.meta(), revision.submissionId(),
                revision.articleKey(), revision.revSeq(), revision.provenance(), revision.mainText(),
                revision.archivedAt(), revision.revert(), revision.visibility(), revision.source(), revision.slots(),
                new dev.palimpsest.events.LogLeaf(log, index, salts.toBytes(), commitment));
    }

    /** A revision whose text and comment are hidden at the source. */
    public static RevisionArchived hidden(String articleKey, int revSeq, String revTimestamp) {
        return new RevisionArchived(RevisionArchived.SCHEMA, EventMeta.now(Topics.REVISIONS_ARCHIVED, null),
                UUID.randomUUID(), articleKey, revSeq, new Provenance("Title " + revSeq, Instant.parse(revTimestamp),
                1000L + revSeq, null, new Performer(7L, "Editor " + revSeq), null), MainText.HIDDEN,
                Instant.now(), null, dev.palimpsest.events.Visibility.of(true, true, false),
                new dev.palimpsest.events.MediaWikiSource("simplewiki", 45046, 2, true, "wikitext", "text/x-wiki",
                        "", "import-7"));
    }

    /** {@code revision}, marked (as the archive would) as restoring revision {@code restoredRevSeq}. */
    public static RevisionArchived reverting(RevisionArchived r, int restoredRevSeq) {
        return new RevisionArchived(r.schema(), r.meta(), r.submissionId(), r.articleKey(), r.revSeq(),
                r.provenance(), r.mainText(), r.archivedAt(),
                dev.palimpsest.events.RevertDetails.of(restoredRevSeq, r.revSeq()), null, null);
    }

    public static SubmissionDeduplicated deduplicated(String articleKey, int revSeq) {
        return new SubmissionDeduplicated(SubmissionDeduplicated.SCHEMA,
                EventMeta.now(Topics.REVISIONS_ARCHIVED, null), UUID.randomUUID(), articleKey, revSeq);
    }

    private static RecordMetadata await(Future<RecordMetadata> sent) {
        try {
            return sent.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge", e);
        }
    }

    @Override
    public void close() {
        events.close();
        raw.close();
    }
}
