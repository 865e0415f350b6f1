package dev.palimpsest.query.readmodel;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets a read-model switchover (ADR 0024) happen between two batches of the live consumer, never during one.
 * {@link ArchiveEventConsumer} holds the gate while it applies a batch (its transaction, retries included); a
 * switchover holds it while it renames the schemas, so no live transaction is open against the old generation
 * when it stops being the live one, and the next batch is applied to the new one. Fair, so a switchover waiting
 * for the gate gets it at the end of the current batch, not after every batch still queued.
 */
@ApplicationScoped
public class LiveApplyGate {

    private final ReentrantLock lock = new ReentrantLock(true);

    /** Blocks until no batch is being applied, then holds the live consumer off until {@link #release()}. */
    public void hold() {
        lock.lock();
    }

    public void release() {
        lock.unlock();
    }

    void runBatch(Runnable batch) {
        lock.lock();
        try {
            batch.run();
        } finally {
            lock.unlock();
        }
    }
}
