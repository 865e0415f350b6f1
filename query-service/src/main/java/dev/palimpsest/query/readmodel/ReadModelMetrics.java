package dev.palimpsest.query.readmodel;

import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.RevisionArchived;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far behind the archive the read model is (Prometheus names):
 * {@code palimpsest_query_read_model_newest_archived_time_seconds{topic,partition}}, when the archive archived the
 * newest event this instance has applied from that partition (the age of what the model shows is
 * {@code time() -} that; with several instances, the newest per partition across them), and
 * {@code palimpsest_query_read_model_apply_delay_seconds}, from an event's archiving to the commit that applied it
 * (not growing while nothing happens, unlike the age). {@code palimpsest_query_archive_events_total} counts the
 * events applied, by outcome.
 */
// created at startup, not on first use: every series is exposed (at 0) before anything happens
@Startup
@ApplicationScoped
public class ReadModelMetrics {

    private final MeterRegistry registry;
    private final Timer applyDelay;
    private final Map<ReadModelWriter.Outcome, Counter> applied = new EnumMap<>(ReadModelWriter.Outcome.class);
    /** Epoch milliseconds of the newest archive time applied, per partition this instance has consumed. */
    private final Map<Integer, AtomicLong> newestArchived = new ConcurrentHashMap<>();

    public ReadModelMetrics(MeterRegistry registry) {
        this.registry = registry;
        applyDelay = Timer.builder("palimpsest.query.read.model.apply.delay")
                .description("Time from an event's archiving (archivedAt) to the commit that applied it to the read"
                        + " model")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
        for (ReadModelWriter.Outcome outcome : ReadModelWriter.Outcome.values()) {
            applied.put(outcome, Counter.builder("palimpsest.query.archive.events")
                    .description("Archive events the read model applied, by outcome (already_applied: a redelivery"
                            + " or replay that stored nothing)")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    /** {@code event}, read from {@code topic}-{@code partition}, was applied by the commit at {@code committed}. */
    void applied(ArchiveEvent event, ReadModelWriter.Outcome outcome, String topic, int partition,
                 Instant committed) {
        applied.get(outcome).increment();
        Instant archivedAt = archivedAt(event);
        if (outcome == ReadModelWriter.Outcome.APPLIED) {
            applyDelay.record(Duration.between(archivedAt, committed));
        }
        newestArchived.computeIfAbsent(partition, p -> register(topic, p))
                .accumulateAndGet(archivedAt.toEpochMilli(), Math::max);
    }

    private AtomicLong register(String topic, int partition) {
        AtomicLong newest = new AtomicLong();
        Gauge.builder("palimpsest.query.read.model.newest.archived.time", newest, millis -> millis.get() / 1000.0)
                .description("When the archive archived the newest event this instance applied from the partition"
                        + " (Unix time); the read model's age is time() minus this")
                .baseUnit("seconds")
                .tag("topic", topic).tag("partition", Integer.toString(partition))
                .strongReference(true)
                .register(registry);
        return newest;
    }

    /** When the archive learned what {@code event} says: its transaction time, or when it published the answer. */
    private static Instant archivedAt(ArchiveEvent event) {
        return event instanceof RevisionArchived archived ? archived.archivedAt() : event.meta().dt();
    }
}
