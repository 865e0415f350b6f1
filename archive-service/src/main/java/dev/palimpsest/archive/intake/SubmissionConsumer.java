package dev.palimpsest.archive.intake;

import dev.palimpsest.archive.history.RevisionArchiver;
import dev.palimpsest.archive.sealing.KeyPurge;
import dev.palimpsest.archive.sealing.TextKeyPublisher;
import dev.palimpsest.consumer.BatchHandler;
import dev.palimpsest.consumer.BatchIntake;
import dev.palimpsest.consumer.ConsumedRecord;
import dev.palimpsest.consumer.DeadLetters;
import dev.palimpsest.consumer.TransientFailureRetry;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.RevisionRedacted;
import dev.palimpsest.events.SegmentRoll;
import dev.palimpsest.events.TextsArchived;
import dev.palimpsest.events.SubmittedEvent;
import dev.palimpsest.tracing.ConsumedRecordSpans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the log of record and archives the submissions it finds (revisions, and redaction requests: ADR 0013), a
 * batch at a time (one poll of the broker), in log order per partition (so per article), through consumer-support's
 * {@link BatchIntake} (ADR 0028), which does what both consumers do: a span per record, dead letters, the wait for
 * the database. What is the archive's own is here: archive the batch ({@link RevisionArchiver}), publish the answers.
 *
 * <p>The order of effects is what makes it safe: the batch's database transaction commits inside
 * {@link RevisionArchiver}; the answers (and any dead letters) are then published and the broker's
 * acknowledgements awaited ({@code acks=all}, retried for as long as it takes); only then does this method return,
 * the connector acknowledge the batch, and its offsets get committed. A crash anywhere in between redelivers the
 * batch, which the archiver answers again without storing anything.
 *
 * <p>A submission that cannot be archived at all (undecodable, or refused by the database for its content) goes
 * to the dead-letter topic with the reason in its headers ({@link DeadLetters}), and the partition goes on. When
 * the batch's transaction is refused, the batch is archived again one submission per transaction, so only the
 * offending submission is dead-lettered ({@link BatchIntake.WhenRefused#STORE_EACH_ALONE}). Transient database
 * failures never get there: they are retried in place. Any other failure fails the batch, which stops the channel
 * ({@code failure-strategy=fail}); nothing after it is committed.
 *
 * <p>Tracing (ADR 0016): each submission of the batch gets its own span, child of the context the ingest wrote into
 * its record's headers; its answer is published with that span as parent, so one trace runs from the HTTP request
 * through the archive to the read model.
 */
@ApplicationScoped
public class SubmissionConsumer {

    private static final Logger LOG = Logger.getLogger(SubmissionConsumer.class);

    private final RevisionArchiver archiver;
    private final MutinyEmitter<ArchiveEvent> answers;
    private final ArchivingMetrics metrics;
    private final TextKeyPublisher textKeys;
    private final KeyPurge keyPurge;
    private final BatchIntake<SubmittedEvent> intake;

    public SubmissionConsumer(RevisionArchiver archiver, TextKeyPublisher textKeys, KeyPurge keyPurge,
                              TransientFailureRetry retry,
                              @Channel("revisions-archived") @OnOverflow(value = OnOverflow.Strategy.BUFFER,
                                      bufferSize = 4096) MutinyEmitter<ArchiveEvent> answers,
                              DeadLetters deadLetters, OpenTelemetry openTelemetry, ArchivingMetrics metrics) {
        this.archiver = archiver;
        this.textKeys = textKeys;
        this.keyPurge = keyPurge;
        this.answers = answers;
        this.metrics = metrics;
        this.intake = new BatchIntake<>(openTelemetry, SubmissionConsumer.class.getName(), "archive", deadLetters,
                retry, UndecodableSubmission::new, BatchIntake.WhenRefused.STORE_EACH_ALONE);
    }

    @Incoming("revisions-submitted")
    @Blocking // ordered (the default): one batch at a time per channel, in log order
    public void archive(ConsumerRecords<String, SubmittedEvent> batch) {
        // each event's partition, which names its transparency log (ADR 0040); events are what the intake hands on
        Map<SubmittedEvent, Integer> partitions = new IdentityHashMap<>();
        batch.forEach(record -> {
            if (record.value() != null) {
                partitions.put(record.value(), record.partition());
            }
        });
        intake.take(batch, new Answering(partitions));
    }

    /** One batch's archiving: its transactions (one, or one per submission after a refusal) and their answers. */
    private final class Answering implements BatchHandler<SubmittedEvent, List<ArchiveEvent>> {

        private final Map<SubmittedEvent, Integer> partitions;
        private final long started = System.nanoTime();
        // the archiver's clock keeps microseconds: an answer archived by this batch is never before this
        private final Instant batchStarted = Instant.now().truncatedTo(ChronoUnit.MICROS);
        private final List<ArchiveEvent> answered = new ArrayList<>();
        private long stored = started;

        Answering(Map<SubmittedEvent, Integer> partitions) {
            this.partitions = partitions;
        }

        @Override
        public List<ArchiveEvent> store(List<SubmittedEvent> submissions) {
            // a segment roll says nothing: read past, answered by nothing (ADR 0042)
            List<SubmittedEvent> toArchive = submissions.stream()
                    .filter(submission -> !(submission instanceof SegmentRoll)).toList();
            return toArchive.isEmpty() ? List.of() : archiver.archiveAll(toArchive, partitions::get);
        }

        @Override
        public String describe(List<SubmittedEvent> submissions) {
            return "archive " + submissions.size() + " submission(s)";
        }

        @Override
        public List<Uni<Void>> committed(List<ConsumedRecord<SubmittedEvent>> records, List<ArchiveEvent> archived) {
            metrics.answered(records.stream().map(ConsumedRecord::event).toList(), archived, batchStarted,
                    Instant.now());
            stored = System.nanoTime();
            // the keys the articles' texts are sealed with, acknowledged before anything they seal (ADR 0042)
            textKeys.publishKeysOf(archived.stream().filter(TextsArchived.class::isInstance)
                    .map(TextsArchived.class::cast).toList());
            // each submission's span, by submission id: its answer is published as that span's child
            Map<UUID, ConsumedRecord<SubmittedEvent>> bySubmission = new HashMap<>();
            records.forEach(record -> bySubmission.put(record.event().meta().id(), record));
            List<Uni<Void>> sends = new ArrayList<>(archived.size());
            for (ArchiveEvent answer : archived) {
                ConsumedRecord<SubmittedEvent> submission = bySubmission.get(answer.submissionId());
                Context trace = submission == null ? Context.root() : submission.trace();
                // on the partition it was read from, whose transparency log it is a leaf of: a reader of that
                // partition of the archived topic then sees the log's leaves in their order (ADR 0040)
                OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> where =
                        OutgoingKafkaRecordMetadata.<String>builder().withKey(answer.articleKey());
                if (submission != null) {
                    where = where.withPartition(submission.origin().partition());
                }
                if (LOG.isDebugEnabled()) {
                    // in the submission's span: the line carries its trace id (MDC), as the ingest's and read model's
                    ConsumedRecordSpans.within(trace, () -> LOG.debugf("answering submission %s: %s %s #%d",
                            answer.submissionId(), answer.getClass().getSimpleName(), answer.articleKey(),
                            answer.revSeq()));
                }
                sends.add(answers.sendMessage(Message.of(answer)
                        .addMetadata(where.build())
                        .addMetadata(TracingMetadata.withCurrent(trace))));
            }
            answered.addAll(archived);
            return sends;
        }

        @Override
        public void acknowledged() {
            // an erasure's old keys are destroyed on the keys topic once what it re-sealed is acknowledged (ADR 0042)
            List<RevisionRedacted> erasures = answered.stream().filter(RevisionRedacted.class::isInstance)
                    .map(RevisionRedacted.class::cast).filter(redacted -> redacted.erasure() != null).toList();
            erasures.forEach(erased -> textKeys.publishDestroyed(erased.articleKey(), erased.erasure().keyEpoch(),
                    erased.redactedAt(), erased.requestId()));
            if (!erasures.isEmpty()) {
                keyPurge.purge(); // and no page of the key table keeps them
            }
            if (!answered.isEmpty()) {
                ArchiveEvent last = answered.get(answered.size() - 1);
                LOG.infof("answered %d submission(s), %d new revision(s), %d redaction(s), up to %s #%d; stored in %d"
                                + " ms, answers acknowledged %d ms later",
                        // packs of texts travel with the answers but answer no submission
                        answered.stream().filter(answer -> !(answer instanceof TextsArchived)).count(),
                        answered.stream().filter(RevisionArchived.class::isInstance).count(),
                        answered.stream().filter(RevisionRedacted.class::isInstance).count(),
                        last.articleKey(), last.revSeq(),
                        (stored - started) / 1_000_000, (System.nanoTime() - stored) / 1_000_000);
            }
            metrics.batchArchived(Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
