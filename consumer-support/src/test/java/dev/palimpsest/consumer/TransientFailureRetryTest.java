package dev.palimpsest.consumer;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransientFailureRetryTest {

    private final TransientFailureRetry retry = new TransientFailureRetry(Duration.ofMillis(1), Duration.ofMillis(4));

    @Test
    void connectionAndSerializationFailuresAreTransient() {
        assertTrue(TransientFailureRetry.isTransient(new RuntimeException(new SQLException("gone", "08006"))));
        assertTrue(TransientFailureRetry.isTransient(new RuntimeException(new SQLException("deadlock", "40P01"))));
        assertTrue(TransientFailureRetry.isTransient(new SQLException("admin shutdown", "57P01")));
    }

    @Test
    void invariantViolationsAreNot() {
        assertFalse(TransientFailureRetry.isTransient(new RuntimeException(new SQLException("dup", "23505"))));
        assertFalse(TransientFailureRetry.isTransient(new IllegalStateException("bug")));
    }

    @Test
    void retriesTransientFailuresUntilTheWorkSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        String result = retry.run("test", () -> {
            if (attempts.incrementAndGet() < 4) {
                throw new RuntimeException(new SQLException("connection refused", "08001"));
            }
            return "done";
        });
        assertEquals("done", result);
        assertEquals(4, attempts.get());
    }

    @Test
    void rethrowsOtherFailuresAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> retry.run("test", () -> {
            attempts.incrementAndGet();
            throw bug;
        })));
        assertEquals(1, attempts.get());
    }
}
