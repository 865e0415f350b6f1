package dev.palimpsest.query;

import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Work on a record kept in hand until it is done: tried again after any failure (the database is away, say) with
 * waits doubling from 200 ms to 30 s, never skipped. For the topics read one record at a time whose records must all
 * be kept (the log checkpoints, the text keys); the archived topic's consumer has its own batch retry.
 */
public final class UntilDone {

    private static final Duration FIRST_WAIT = Duration.ofMillis(200);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    /** The work; any exception it throws is a reason to try again. */
    @FunctionalInterface
    public interface Attempt {
        void run() throws Exception;
    }

    private UntilDone() {
    }

    /**
     * Runs {@code attempt} until it returns, logging each failure ("could not {@code what} …") and the wait.
     *
     * @throws IllegalStateException if the thread is interrupted while it waits
     */
    public static void run(Logger log, String what, Attempt attempt) {
        Duration wait = FIRST_WAIT;
        while (true) {
            try {
                attempt.run();
                return;
            } catch (Exception e) {
                log.warnf("could not %s (%s); trying again in %s", what, e.getMessage(), wait);
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting to " + what, e);
                }
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
            }
        }
    }
}
