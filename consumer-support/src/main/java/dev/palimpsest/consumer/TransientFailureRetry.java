package dev.palimpsest.consumer;

import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retries work that failed for a reason that passes (the database restarting, a lock conflict), with exponential
 * backoff and without limit (ADR 0014): the batch in hand stays unacknowledged meanwhile, so no later offset is
 * committed and nothing is skipped — skipping would lose a record, stopping would stall every article on the
 * partition until someone restarts the service. Anything else is rethrown at once, for the consumer's failure
 * strategy (its dead-letter topic). archive-service and query-service each make one from their own
 * {@code palimpsest.<service>.retry.*} settings.
 */
public final class TransientFailureRetry {

    private static final Logger LOG = Logger.getLogger(TransientFailureRetry.class);

    private final Duration initialBackoff;
    private final Duration maxBackoff;

    /**
     * @param initialBackoff the wait before the second attempt; it doubles with every further attempt
     * @param maxBackoff     the longest wait between two attempts
     */
    public TransientFailureRetry(Duration initialBackoff, Duration maxBackoff) {
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    public <T> T run(String what, Supplier<T> work) {
        Duration backoff = initialBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                LOG.warnf("%s failed (attempt %d), retrying in %s: %s", what, attempt, backoff, rootMessage(e));
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * A failure that waiting cures, and nothing else does: the batch is tried again, as through a database outage
     * (a text key that the keys topic has not delivered yet, say).
     */
    public static class NotYet extends RuntimeException {
        public NotYet(String message) {
            super(message);
        }
    }

    /**
     * A connection, serialization, deadlock, lock-timeout or server-shutdown failure anywhere in the chain, or a
     * {@link NotYet}.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NotYet || cause instanceof JDBCConnectionException || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof jakarta.persistence.PessimisticLockException
                    || cause instanceof jakarta.persistence.LockTimeoutException
                    || cause instanceof org.hibernate.exception.LockAcquisitionException
                    || isTransientSqlState(cause)) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL SQLSTATE classes 08 (connection), 40 (serialization, deadlock), 57P (server shutting down). */
    private static boolean isTransientSqlState(Throwable cause) {
        if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith("08") || state.startsWith("40") || state.startsWith("57P");
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
