package dev.palimpsest.archive.intake;

import dev.palimpsest.archive.history.RevisionArchiver;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.RevisionSubmitted;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

/**
 * Reads the log of record and archives each submission, in order per partition (so per article). The chain of
 * acknowledgements is what makes it safe: the database transaction commits inside {@link RevisionArchiver}, the
 * answer is then published with {@code acks=all}, and only the broker's acknowledgement of the answer acknowledges
 * the submission, whose offset is committed after. A crash anywhere in between redelivers the submission, which
 * the archiver answers again without storing anything.
 */
@ApplicationScoped
public class SubmissionConsumer {

    private static final Logger LOG = Logger.getLogger(SubmissionConsumer.class);

    private final RevisionArchiver archiver;
    private final TransientFailureRetry retry;

    public SubmissionConsumer(RevisionArchiver archiver, TransientFailureRetry retry) {
        this.archiver = archiver;
        this.retry = retry;
    }

    @Incoming("revisions-submitted")
    @Outgoing("revisions-archived")
    @Blocking // ordered (the default): one submission at a time per channel, in log order
    public Message<ArchiveEvent> archive(Message<RevisionSubmitted> message) {
        RevisionSubmitted submitted = message.getPayload();
        if (submitted == null) {
            // Undecodable (the connector passes it on with a null payload): refuse it, so the failure strategy
            // moves it to the dead-letter topic, raw bytes and reason intact, and the partition goes on.
            throw new UndecodableSubmission(DeserializationFailure.reasonOf(message));
        }
        ArchiveEvent answer = retry.run("archive submission " + submitted.meta().id(),
                () -> archiver.archive(submitted));
        LOG.infof("%s %s as %s #%d", answer.getClass().getSimpleName(), submitted.meta().id(),
                answer.articleKey(), answer.revSeq());
        return message.withPayload(answer).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(answer.articleKey()).build());
    }
}
