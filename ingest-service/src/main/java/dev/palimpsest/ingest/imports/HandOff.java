package dev.palimpsest.ingest.imports;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands what one thread produces to another, in order, through a short queue: the parser of an import delivers
 * revisions here and goes on parsing while a second thread makes them into events and spools them (ADR 0034; on two
 * cores the reading takes the longer of the two halves instead of their sum). The queue holds {@code capacity}
 * items at most, so memory stays bounded by that many revisions.
 *
 * <p>A failure of the consumer stops the producer at its next {@link #accept}, which throws it as it was (an
 * unchecked exception); {@link #finish} waits for every item handed over to be consumed and throws the same.
 * {@link #abandon} ends the consumer when the producer fails instead.
 */
final class HandOff<T> implements Consumer<T> {

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final CompletableFuture<Void> consumed = new CompletableFuture<>();
    private volatile RuntimeException failure;
    private volatile boolean abandoned;

    HandOff(int capacity, Consumer<? super T> consumer, Executor executor) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        executor.execute(() -> drain(consumer));
    }

    @SuppressWarnings("unchecked")
    private void drain(Consumer<? super T> consumer) {
        try {
            for (Object item = queue.take(); item != END && !abandoned; item = queue.take()) {
                consumer.accept((T) item);
            }
            consumed.complete(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(new IllegalStateException("interrupted while reading the import", e));
        } catch (RuntimeException e) {
            fail(e);
        } catch (Error e) {
            fail(new IllegalStateException(e));
            throw e;
        }
    }

    private void fail(RuntimeException e) {
        failure = e;
        queue.clear(); // a producer waiting for room sees the failure next
        consumed.complete(null);
    }

    @Override
    public void accept(T item) {
        put(item);
    }

    /** Waits until every item handed over has been consumed; throws the consumer's failure, if any. */
    void finish() {
        put(END);
        consumed.join();
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * The producer failed: nothing more is handed over, and this returns once the consumer has stopped (after the
     * item it is consuming, if any), so that what it writes to can be closed.
     */
    void abandon() {
        abandoned = true;
        queue.clear();
        queue.offer(END);
        consumed.join();
    }

    private void put(Object item) {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (failure != null) {
                    throw failure;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
            throw new IllegalStateException("interrupted while reading the import", e);
        }
        if (failure != null) {
            throw failure;
        }
    }
}
