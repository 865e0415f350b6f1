package dev.palimpsest.ingest.redaction;

import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.RevisionRedactionRequested;
import dev.palimpsest.events.SubmittedEvent;
import dev.palimpsest.events.Topics;
import dev.palimpsest.ingest.IngestProblem;
import dev.palimpsest.problem.ProblemException;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks redaction requests and appends them to the log of record, keyed by article so that the archive reads each
 * after the revisions it may name (ADR 0013). Accepted only once the broker has acknowledged, as revisions are.
 */
@ApplicationScoped
public class RedactionRequests {

    private static final Logger LOG = Logger.getLogger(RedactionRequests.class);

    /** Enough for a reason, as MediaWiki's deletion log comments are (255 bytes there); not a place for essays. */
    static final int MAX_REASON_CHARS = 500;

    private final MutinyEmitter<SubmittedEvent> log;
    private final Duration publishTimeout;

    public RedactionRequests(@Channel("revisions-submitted") MutinyEmitter<SubmittedEvent> log,
                             @ConfigProperty(name = "palimpsest.ingest.publish-timeout") Duration publishTimeout) {
        this.log = log;
        this.publishTimeout = publishTimeout;
    }

    /** A revision sequence number from the path: a whole number from 1. */
    static int revSeq(String raw) {
        try {
            int revSeq = Integer.parseInt(raw);
            if (revSeq >= 1) {
                return revSeq;
            }
        } catch (NumberFormatException e) {
            // answered below, as zero and negative numbers are
        }
        throw new ProblemException(IngestProblem.INVALID_PARAMETER,
                "n: '" + raw + "' is not a revision sequence number (a whole number from 1)");
    }

    /**
     * The reason, checked: required, not blank, at most {@link #MAX_REASON_CHARS} characters, no control characters
     * other than tab and line breaks (NUL cannot even be stored), no unpaired surrogates.
     *
     * @throws ProblemException 422 naming what is wrong
     */
    static String reason(RedactRevisionRequest request) {
        String reason = request.reason();
        List<String> violations = new ArrayList<>();
        if (reason == null || reason.isBlank()) {
            throw new ProblemException(IngestProblem.INVALID_REDACTION, "reason: required, not blank");
        }
        if (reason.codePointCount(0, reason.length()) > MAX_REASON_CHARS) {
            violations.add("reason: at most " + MAX_REASON_CHARS + " characters");
        }
        if (reason.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')) {
            violations.add("reason: must not contain control characters (NUL included) other than tab and line"
                    + " breaks");
        }
        if (!dev.palimpsest.ingest.revision.RevisionRules.isWellFormed(reason)) {
            violations.add("reason: contains an unpaired UTF-16 surrogate");
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(IngestProblem.INVALID_REDACTION, String.join("; ", violations));
        }
        return reason.strip();
    }

    /** Publishes the request; returns it once the broker has acknowledged it. */
    public RevisionRedactionRequested publish(String articleKey, int revSeq, String reason, boolean erase,
                                              String performer, String requestId) {
        RevisionRedactionRequested event = new RevisionRedactionRequested(RevisionRedactionRequested.SCHEMA,
                EventMeta.now(Topics.REVISIONS_SUBMITTED, requestId), articleKey, revSeq, reason,
                performer == null ? null : Performer.named(performer), erase ? Boolean.TRUE : null);
        // traced as the request's child (ADR 0016), like a revision: the archive and the read model continue it
        Message<SubmittedEvent> message = Message.<SubmittedEvent>of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(articleKey).build())
                .addMetadata(TracingMetadata.withCurrent(Context.current()));
        try {
            log.sendMessage(message).subscribeAsCompletionStage().toCompletableFuture()
                    .get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(IngestProblem.REDACTION_PUBLISH_FAILED,
                    "interrupted before the broker acknowledged");
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warnf("could not publish redaction %s of %s #%d: %s", event.meta().id(), articleKey, revSeq,
                    e.toString());
            throw new ProblemException(IngestProblem.REDACTION_PUBLISH_FAILED,
                    "the broker did not acknowledge the redaction; nothing was accepted, retry later");
        }
        LOG.infof("accepted redaction %s of %s #%d by %s", event.meta().id(), articleKey, revSeq,
                performer == null ? "(unauthenticated)" : performer);
        return event;
    }
}
