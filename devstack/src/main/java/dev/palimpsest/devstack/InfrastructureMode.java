package dev.palimpsest.devstack;

import java.util.Locale;

/**
 * How the devstack provides Kafka and PostgreSQL. Chosen by the system property {@value #PROPERTY} or the
 * environment variable {@value #ENV}; {@link #AUTO} when neither is set.
 */
public enum InfrastructureMode {
    /** Testcontainers where a Docker engine answers, local processes otherwise. */
    AUTO,
    /** A Kafka broker JVM and a PostgreSQL server started as local processes (no Docker needed). */
    LOCAL,
    /** Kafka and PostgreSQL containers through Testcontainers (needs a Docker engine). */
    CONTAINERS;

    public static final String PROPERTY = "palimpsest.devstack.mode";
    public static final String ENV = "PALIMPSEST_DEVSTACK_MODE";

    public static InfrastructureMode configured() {
        String value = System.getProperty(PROPERTY, System.getenv(ENV));
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + "/" + ENV + " must be one of auto, local, containers; got '"
                    + value + "'", e);
        }
    }
}
