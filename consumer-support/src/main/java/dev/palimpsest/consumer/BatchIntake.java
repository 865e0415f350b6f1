package dev.palimpsest.consumer;

import dev.palimpsest.tracing.ConsumedRecordSpans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one door through which a service takes a polled batch of Kafka records into its database (ADR 0028): the
 * archive's submitted topic and the read model's archived topic both come in here, and each service supplies only
 * what it does with a batch ({@link BatchHandler}).
 *
 * <p>For each batch, {@link #take}:
 * <ol>
 *     <li>starts a span per record, child of the context its producer wrote into the record's headers (ADR 0016);
 *         all of them end when the batch is done, or end as failed when it fails;</li>
 *     <li>dead-letters each record the connector could not decode (it arrives with a {@code null} value, the
 *         channel having {@code fail-on-deserialization-failure=false}) as {@link DeadLetters.Kind#UNDECODABLE},
 *         with the decoder's reason, and goes on with the others;</li>
 *     <li>hands the decoded events, in log order, to {@link BatchHandler#store} in one transaction, retried in place
 *         through transient database failures, without limit ({@link TransientFailureRetry}, ADR 0014);</li>
 *     <li>dead-letters as {@link DeadLetters.Kind#INVALID} each event the handler says breaks an invariant of its
 *         model, the rest of the transaction going on;</li>
 *     <li>when the transaction is refused for a reason retrying cannot cure: either fails the batch, or stores
 *         each event alone and dead-letters as {@link DeadLetters.Kind#REFUSED} those refused alone
 *         ({@link WhenRefused});</li>
 *     <li>calls {@link BatchHandler#committed} after each committed transaction, and waits until the broker has
 *         acknowledged every dead letter and every send that returned (the answers), then
 *         {@link BatchHandler#acknowledged}.</li>
 * </ol>
 *
 * <p>Guarantee: when {@link #take} returns normally, everything the batch caused is committed in the database and in
 * the log, so the caller may acknowledge the batch (its offsets become committable): nothing is lost, and a crash
 * before that redelivers the batch, which the handler's idempotence absorbs. When it throws, nothing may be
 * acknowledged: the channel's failure strategy stops it, and the batch is redelivered after a restart.
 *
 * <p>Thread-safe as long as its handlers are: it holds no state between batches.
 *
 * @param <E> the event type of the topic
 */
public final class BatchIntake<E> {

    /** What happens when a batch's transaction is refused for a reason retrying cannot cure. */
    public enum WhenRefused {
        /**
         * The batch fails (the failure is thrown): a refusal is a fault of the service, not of a record, since the
         * handler itself sets aside the records that break its invariants ({@link BatchHandler#invalid}).
         */
        FAIL_THE_BATCH,
        /**
         * The batch is stored again one event per transaction, and the events refused alone are dead-lettered
         * ({@link DeadLetters.Kind#REFUSED}): the database alone knows which record it refuses (a constraint).
         */
        STORE_EACH_ALONE
    }

    private static final Logger LOG = Logger.getLogger(BatchIntake.class);

    private final OpenTelemetry openTelemetry;
    private final String scope;
    private final String operation;
    private final DeadLetters deadLetters;
    private final TransientFailureRetry retry;
    private final Function<String, ? extends RuntimeException> undecodable;
    private final WhenRefused whenRefused;

    /**
     * @param openTelemetry the service's OpenTelemetry
     * @param scope         the spans' instrumentation scope, e.g. the consuming class's name
     * @param operation     what is done to each record: spans are named {@code <topic> <operation>}
     * @param deadLetters   the service's dead-letter topic
     * @param retry         the service's wait for its database
     * @param undecodable   makes the reason an undecodable record is dead-lettered with (its message, and its class
     *                      in the {@code dead-letter-exception-class-name} header), from the decoder's reason
     * @param whenRefused   what a refused transaction means
     */
    public BatchIntake(OpenTelemetry openTelemetry, String scope, String operation, DeadLetters deadLetters,
                       TransientFailureRetry retry, Function<String, ? extends RuntimeException> undecodable,
                       WhenRefused whenRefused) {
        this.openTelemetry = Objects.requireNonNull(openTelemetry);
        this.scope = Objects.requireNonNull(scope);
        this.operation = Objects.requireNonNull(operation);
        this.deadLetters = Objects.requireNonNull(deadLetters);
        this.retry = Objects.requireNonNull(retry);
        this.undecodable = Objects.requireNonNull(undecodable);
        this.whenRefused = Objects.requireNonNull(whenRefused);
    }

    /**
     * Takes one polled batch through the door, as the class says. Blocks (the database, the broker's
     * acknowledgements): call it on a worker thread, one batch at a time per channel.
     *
     * @throws RuntimeException a failure that is neither transient nor a record's fault (see {@link WhenRefused}),
     *                          or the broker's refusal of a send: the batch must not be acknowledged
     */
    public <R> void take(Iterable<ConsumerRecord<String, E>> records, BatchHandler<E, R> handler) {
        ConsumedRecordSpans spans = new ConsumedRecordSpans(openTelemetry, scope, operation);
        try {
            take(records, handler, spans);
            spans.endAll();
        } catch (RuntimeException e) {
            spans.failAll(e);
            throw e;
        }
    }

    private <R> void take(Iterable<ConsumerRecord<String, E>> records, BatchHandler<E, R> handler,
                          ConsumedRecordSpans spans) {
        List<ConsumedRecord<E>> decoded = new ArrayList<>();
        List<Uni<Void>> sends = new ArrayList<>();
        for (ConsumerRecord<String, E> record : records) {
            Context trace = spans.start(record.topic(), record.partition(), record.offset(), record.headers(),
                    record.key());
            if (record.value() == null) {
                sends.add(deadLetters.send(record, DeadLetters.Kind.UNDECODABLE,
                        undecodable.apply(undecodableReason(record))));
            } else {
                decoded.add(new ConsumedRecord<>(record, trace));
            }
        }
        store(decoded, handler, sends);
        // Waits for the broker: the batch may be acknowledged only once its dead letters and answers are in the log.
        if (!sends.isEmpty()) {
            Uni.join().all(sends).andFailFast().await().indefinitely();
        }
        handler.acknowledged();
    }

    private <R> void store(List<ConsumedRecord<E>> batch, BatchHandler<E, R> handler, List<Uni<Void>> sends) {
        if (batch.isEmpty()) {
            return;
        }
        List<E> events = batch.stream().map(ConsumedRecord::event).toList();
        R stored;
        try {
            // a database that is away (restarting, connections cut) is waited for here, the batch unacknowledged
            stored = retry.run(handler.describe(events), () -> handler.store(events));
        } catch (RuntimeException refused) {
            if (whenRefused == WhenRefused.FAIL_THE_BATCH) {
                throw refused;
            }
            if (batch.size() == 1) {
                sends.add(deadLetters.send(batch.get(0).origin(), DeadLetters.Kind.REFUSED, refused));
                return;
            }
            LOG.warnf("could not %s in one transaction (%s); storing them one per transaction",
                    handler.describe(events), refused.toString());
            for (ConsumedRecord<E> record : batch) {
                store(List.of(record), handler, sends);
            }
            return;
        }
        List<BatchHandler.Invalid<E>> invalid = handler.invalid(stored);
        if (!invalid.isEmpty()) {
            Map<E, ConsumedRecord<E>> byEvent = new IdentityHashMap<>();
            batch.forEach(record -> byEvent.put(record.event(), record));
            for (BatchHandler.Invalid<E> refused : invalid) {
                ConsumedRecord<E> record = byEvent.get(refused.event());
                if (record == null) {
                    throw new IllegalStateException("the handler refused an event it was not given: "
                            + refused.event());
                }
                sends.add(deadLetters.send(record.origin(), DeadLetters.Kind.INVALID, refused.reason()));
            }
        }
        sends.addAll(handler.committed(batch, stored));
    }

    /** Why the connector could not decode {@code record}, from the headers it attaches to such records. */
    static String undecodableReason(ConsumerRecord<?, ?> record) {
        Header reason = record.headers().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON);
        return reason == null
                ? "a record without a value (tombstone)"
                : "undecodable record: " + new String(reason.value(), StandardCharsets.UTF_8);
    }
}
