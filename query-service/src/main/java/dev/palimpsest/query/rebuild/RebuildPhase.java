package dev.palimpsest.query.rebuild;

import java.util.Locale;

/** Where a read-model rebuild is (ADR 0024), in the order it passes through them. */
public enum RebuildPhase {
    /** Creating the new generation's schema and migrating it (Flyway). */
    PREPARING,
    /** Replaying the archived topic from offset zero into the new generation, up to its end at the start. */
    REPLAYING,
    /** Replaying what was archived meanwhile, while the live read model goes on answering and consuming. */
    CATCHING_UP,
    /** The live consumer held between two batches: the last records, then the schemas renamed in one transaction. */
    SWITCHING,
    /** Reads are answered by the new generation; the old one is being dropped. */
    DROPPING_OLD,
    /** Done: the new generation is the live read model and the old one is gone. */
    SWITCHED,
    /** Stopped before the switch (the live read model is untouched and the new generation dropped), or after it. */
    FAILED;

    public boolean finished() {
        return this == SWITCHED || this == FAILED;
    }

    /** As the API names it: {@code catching-up}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
