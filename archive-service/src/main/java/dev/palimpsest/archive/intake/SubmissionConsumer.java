package dev.palimpsest.archive.intake;

import dev.palimpsest.archive.history.RevisionArchiver;
import dev.palimpsest.consumer.DeadLetters;
import dev.palimpsest.consumer.TransientFailureRetry;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.SubmittedEvent;
import dev.palimpsest.tracing.ConsumedRecordSpans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Reads the log of record and archives the submissions it finds (revisions, and redaction requests: ADR 0013), a
 * batch at a time (one poll of the broker), in
 * log order per partition (so per article). The order of effects is what makes it safe: the batch's database
 * transaction commits inside {@link RevisionArchiver}; the answers (and any dead letters) are then published and
 * the broker's acknowledgements awaited ({@code acks=all}, retried for as long as it takes); only then is the batch
 * acknowledged, and its offsets committed after. A crash anywhere in between redelivers the batch, which the
 * archiver answers again without storing anything.
 *
 * <p>A submission that cannot be archived at all (undecodable, or refused by the database for its content) goes
 * to the dead-letter topic with the reason in its headers ({@link DeadLetters}), and the partition goes on. When
 * the batch's transaction is refused, the batch is archived again one submission per transaction, so only the
 * offending submission is dead-lettered. Transient database failures never get there: they are retried in place.
 *
 * <p>Tracing (ADR 0016): each submission of the batch gets its own span, child of the context the ingest wrote into
 * its record's headers; its answer is published with that span as parent, so one trace runs from the HTTP request
 * through the archive to the read model.
 */
@ApplicationScoped
public class SubmissionConsumer {

    private static final Logger LOG = Logger.getLogger(SubmissionConsumer.class);

    private final RevisionArchiver archiver;
    private final TransientFailureRetry retry;
    private final MutinyEmitter<ArchiveEvent> answers;
    private final DeadLetters deadLetters;
    private final OpenTelemetry openTelemetry;
    private final ArchivingMetrics metrics;

    public SubmissionConsumer(RevisionArchiver archiver, TransientFailureRetry retry,
                              @Channel("revisions-archived") @OnOverflow(value = OnOverflow.Strategy.BUFFER,
                                      bufferSize = 4096) MutinyEmitter<ArchiveEvent> answers,
                              DeadLetters deadLetters, OpenTelemetry openTelemetry, ArchivingMetrics metrics) {
        this.archiver = archiver;
        this.retry = retry;
        this.answers = answers;
        this.deadLetters = deadLetters;
        this.openTelemetry = openTelemetry;
        this.metrics = metrics;
    }

    @Incoming("revisions-submitted")
    @Blocking // ordered (the default): one batch at a time per channel, in log order
    public CompletionStage<Void> archive(KafkaRecordBatch<String, SubmittedEvent> batch) {
        ConsumedRecordSpans spans = new ConsumedRecordSpans(openTelemetry, SubmissionConsumer.class.getName(),
                "archive");
        try {
            CompletionStage<Void> acknowledged = archive(batch, spans);
            spans.endAll();
            return acknowledged;
        } catch (RuntimeException e) {
            spans.failAll(e);
            throw e;
        }
    }

    private CompletionStage<Void> archive(KafkaRecordBatch<String, SubmittedEvent> batch, ConsumedRecordSpans spans) {
        long started = System.nanoTime();
        // the archiver's clock keeps microseconds: an answer archived by this batch is never before this
        Instant batchStarted = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<KafkaRecord<String, SubmittedEvent>> decodable = new ArrayList<>();
        List<Uni<Void>> sends = new ArrayList<>();
        // each submission's span, by submission id: its answer is published as that span's child
        Map<UUID, Context> traces = new HashMap<>();
        for (KafkaRecord<String, SubmittedEvent> record : batch) {
            long offset = record.getMetadata(IncomingKafkaRecordMetadata.class)
                    .map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
            Context trace = spans.start(record.getTopic(), record.getPartition(), offset, record.getHeaders(),
                    record.getKey());
            if (record.getPayload() == null) {
                // undecodable: the connector passes it on with a null payload
                sends.add(deadLetters.send(record, DeadLetters.Kind.UNDECODABLE,
                        new UndecodableSubmission(DeserializationFailure.reasonOf(record))));
            } else {
                traces.put(record.getPayload().meta().id(), trace);
                decodable.add(record);
            }
        }
        List<ArchiveEvent> archived = archiveAll(decodable, sends, batchStarted);
        long stored = System.nanoTime();
        for (ArchiveEvent answer : archived) {
            Context trace = traces.getOrDefault(answer.submissionId(), Context.root());
            if (LOG.isDebugEnabled()) {
                // in the submission's span: the line carries its trace id (MDC), as the ingest's and the read model's
                ConsumedRecordSpans.within(trace, () -> LOG.debugf("answering submission %s: %s %s #%d",
                        answer.submissionId(), answer.getClass().getSimpleName(), answer.articleKey(),
                        answer.revSeq()));
            }
            sends.add(answers.sendMessage(Message.of(answer)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(answer.articleKey()).build())
                    .addMetadata(TracingMetadata.withCurrent(trace))));
        }
        // Waits for the broker: the batch is acknowledged only once every answer and dead letter is in the log.
        if (!sends.isEmpty()) {
            Uni.join().all(sends).andFailFast().await().indefinitely();
        }
        if (!archived.isEmpty()) {
            LOG.infof("answered %d submission(s), %d new revision(s), %d redaction(s), up to %s #%d; stored in %d"
                            + " ms, answers acknowledged %d ms later", archived.size(),
                    archived.stream().filter(dev.palimpsest.events.RevisionArchived.class::isInstance).count(),
                    archived.stream().filter(dev.palimpsest.events.RevisionRedacted.class::isInstance).count(),
                    archived.get(archived.size() - 1).articleKey(), archived.get(archived.size() - 1).revSeq(),
                    (stored - started) / 1_000_000, (System.nanoTime() - stored) / 1_000_000);
        }
        metrics.batchArchived(Duration.ofNanos(System.nanoTime() - started));
        return batch.ack();
    }

    /**
     * Archives the submissions in one transaction; if that is refused (not for a transient reason), archives them
     * one per transaction, dead-lettering those refused alone.
     *
     * @return the answers to publish, in order
     */
    private List<ArchiveEvent> archiveAll(List<KafkaRecord<String, SubmittedEvent>> records, List<Uni<Void>> sends,
                                          Instant batchStarted) {
        if (records.isEmpty()) {
            return List.of();
        }
        List<SubmittedEvent> submissions = records.stream().map(Message::getPayload).toList();
        try {
            List<ArchiveEvent> answered = retry.run("archive " + submissions.size() + " submission(s)",
                    () -> archiver.archiveAll(submissions));
            metrics.answered(submissions, answered, batchStarted, Instant.now());
            return answered;
        } catch (RuntimeException refused) {
            if (records.size() == 1) {
                sends.add(deadLetters.send(records.get(0), DeadLetters.Kind.REFUSED, refused));
                return List.of();
            }
            LOG.warnf("a batch of %d submissions was refused (%s); archiving them one at a time", records.size(),
                    refused.toString());
        }
        List<ArchiveEvent> answered = new ArrayList<>();
        for (KafkaRecord<String, SubmittedEvent> record : records) {
            answered.addAll(archiveAll(List.of(record), sends, batchStarted));
        }
        return answered;
    }
}
