package dev.palimpsest.consumer;

import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * What a service does with a batch that came through its {@link BatchIntake}: the only part that differs between
 * the archive (archive the submissions, publish the answers) and the read model (apply the archive events).
 *
 * @param <E> the event type of the topic
 * @param <R> what one transaction returns (the archive's answers, the read model's outcomes)
 */
public interface BatchHandler<E, R> {

    /**
     * Stores {@code events} (decoded, in log order) in one database transaction, committed when this returns.
     * Called again with the same events after a transient failure (each attempt a new transaction; ADR 0014), and,
     * under {@link BatchIntake.WhenRefused#STORE_EACH_ALONE}, again with each event alone: it must be idempotent.
     */
    R store(List<E> events);

    /** What {@link #store} does, for the retry's log line, e.g. {@code archive 3 submission(s)}. */
    String describe(List<E> events);

    /**
     * The events {@code stored} skipped because they break an invariant of the service's model (the rest of its
     * transaction went on): each is dead-lettered as {@link DeadLetters.Kind#INVALID}. None by default.
     */
    default List<Invalid<E>> invalid(R stored) {
        return List.of();
    }

    /**
     * What follows a committed transaction (answers to publish, metrics, per-record log lines): called once per
     * transaction, right after its commit, with the records it stored (invalid ones included, already
     * dead-lettered), each with its span.
     *
     * @return what the broker must acknowledge before the batch is (e.g. the answers' sends); may be empty
     */
    List<Uni<Void>> committed(List<ConsumedRecord<E>> records, R stored);

    /**
     * Called once every send of the batch (dead letters and what {@link #committed} returned) is acknowledged by
     * the broker, just before the batch is acknowledged; also for a batch in which nothing could be decoded.
     */
    default void acknowledged() {
    }

    /** An event its service's model refuses, and why: dead-lettered, with {@code reason} in its headers. */
    record Invalid<E>(E event, RuntimeException reason) {
    }
}
