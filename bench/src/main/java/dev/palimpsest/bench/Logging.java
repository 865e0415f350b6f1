package dev.palimpsest.bench;

/** The libraries' logging (Kafka's admin client, the embedded PostgreSQL) kept to warnings: progress lines are ours. */
final class Logging {

    private Logging() {
    }

    /** Before any logger exists: slf4j-simple reads its settings once. */
    static void quiet() {
        setUnlessGiven("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // the devstack's admin client warns about every refused connection while the broker boots
        setUnlessGiven("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        // no Docker here is expected: the benchmark always runs local processes
        setUnlessGiven("org.slf4j.simpleLogger.log.org.testcontainers", "off");
    }

    private static void setUnlessGiven(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
