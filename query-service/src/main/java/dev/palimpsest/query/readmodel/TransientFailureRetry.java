package dev.palimpsest.query.readmodel;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retries work that failed for a reason that passes (the database restarting, a lock conflict), with exponential
 * backoff and without limit: the batch's offsets are not committable until it is applied, so nothing is skipped,
 * and the consumer resumes by itself once the database is back (before, a failed batch stopped the channel until
 * someone restarted the service). Anything else is rethrown at once. The same policy as archive-service's
 * {@code intake.TransientFailureRetry}; readiness is DOWN meanwhile through the datasource health check.
 */
@ApplicationScoped
public class TransientFailureRetry {

    private static final Logger LOG = Logger.getLogger(TransientFailureRetry.class);

    private final Duration initialBackoff;
    private final Duration maxBackoff;

    public TransientFailureRetry(
            @ConfigProperty(name = "palimpsest.query.retry.initial-backoff") Duration initialBackoff,
            @ConfigProperty(name = "palimpsest.query.retry.max-backoff") Duration maxBackoff) {
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

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JDBCConnectionException || cause instanceof SQLTransientException
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
