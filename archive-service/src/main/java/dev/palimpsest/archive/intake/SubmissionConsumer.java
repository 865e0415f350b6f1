package dev.palimpsest.archive.intake;

import dev.palimpsest.archive.history.RevisionArchiver;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.RevisionSubmitted;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletionStage;

/**
 * Reads the log of record and archives each submission, in order per partition (so per article). The order of
 * effects is what makes it safe: the database transaction commits inside {@link RevisionArchiver}; the answer is
 * then published and the broker's acknowledgement awaited ({@code acks=all}, retried for as long as it takes); only
 * then is the submission acknowledged, and its offset committed after. A crash anywhere in between redelivers the
 * submission, which the archiver answers again without storing anything.
 *
 * <p>A submission that cannot be archived at all (undecodable, or refused by the database for its content) is
 * negatively acknowledged: the channel's failure strategy moves it to the dead-letter topic with the reason, and
 * the partition goes on. Transient database failures never get there: they are retried in place.
 */
@ApplicationScoped
public class SubmissionConsumer {

    private static final Logger LOG = Logger.getLogger(SubmissionConsumer.class);

    private final RevisionArchiver archiver;
    private final TransientFailureRetry retry;
    private final MutinyEmitter<ArchiveEvent> answers;

    public SubmissionConsumer(RevisionArchiver archiver, TransientFailureRetry retry,
                              @Channel("revisions-archived") MutinyEmitter<ArchiveEvent> answers) {
        this.archiver = archiver;
        this.retry = retry;
        this.answers = answers;
    }

    @Incoming("revisions-submitted")
    @Blocking // ordered (the default): one submission at a time per channel, in log order
    public CompletionStage<Void> archive(Message<RevisionSubmitted> message) {
        RevisionSubmitted submitted = message.getPayload();
        ArchiveEvent answer;
        try {
            if (submitted == null) {
                // undecodable: the connector passes it on with a null payload
                throw new UndecodableSubmission(DeserializationFailure.reasonOf(message));
            }
            answer = retry.run("archive submission " + submitted.meta().id(), () -> archiver.archive(submitted));
        } catch (RuntimeException refused) {
            LOG.errorf("dead-lettering %s: %s", submitted == null ? "an undecodable record" : submitted.meta().id(),
                    refused.toString());
            return message.nack(refused);
        }
        // Waits for the broker: the submission is acknowledged only once its answer is in the log.
        answers.sendMessageAndAwait(Message.of(answer).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(answer.articleKey()).build()));
        LOG.infof("%s %s as %s #%d", answer.getClass().getSimpleName(), submitted.meta().id(),
                answer.articleKey(), answer.revSeq());
        return message.ack();
    }
}
