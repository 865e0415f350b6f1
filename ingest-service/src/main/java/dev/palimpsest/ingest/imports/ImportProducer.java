package dev.palimpsest.ingest.imports;

import dev.palimpsest.events.Topics;
import dev.palimpsest.ingest.submission.SubmissionMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The producer an import publishes through (ADR 0035): a plain Kafka producer, idempotent, whose batches hold many
 * consecutive revisions of an article so that zstd compresses them as the history they are (ADR 0034).
 *
 * <p>Plain rather than a messaging channel because the channel re-sends a record whose delivery failed, after the
 * records sent behind it: an article's revisions would reach the log out of order, and the archive numbers them in
 * the order it reads them. The idempotent producer retries inside itself, in order, until
 * {@code delivery.timeout.ms}; a send that still fails fails the import (re-importing publishes what is missing).
 *
 * <p>Its settings are {@code palimpsest.ingest.import-producer.*} (Kafka producer properties); the broker is
 * {@code kafka.bootstrap.servers}, as for every other client of the service.
 */
@ApplicationScoped
public class ImportProducer {

    static final String PREFIX = "palimpsest.ingest.import-producer.";

    private final KafkaProducer<String, byte[]> producer;
    private final TextMapPropagator propagator;
    private final SubmissionMetrics metrics;
    private final KafkaClientMetrics producerMetrics;

    public ImportProducer(Config config, OpenTelemetry openTelemetry, SubmissionMetrics metrics,
                          MeterRegistry registry,
                          @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.producer = new KafkaProducer<>(settings(config, bootstrapServers), new StringSerializer(),
                new ByteArraySerializer());
        // the producer's own metrics, as the messaging channels' (kafka_producer_*)
        this.producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(registry);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.metrics = metrics;
    }

    /**
     * Sends one revision's event, already serialized, keyed by its article, carrying {@code trace} in its headers
     * (W3C {@code traceparent}) so that the archive's span continues it.
     *
     * @return completes when the broker has acknowledged the record, or fails with why it could not
     */
    public CompletionStage<Void> send(String articleKey, byte[] event, Context trace) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.REVISIONS_SUBMITTED, articleKey, event);
        propagator.inject(trace, record.headers(), ImportProducer::putHeader);
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        long started = System.nanoTime();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) { // no room or no metadata within max.block.ms, or the producer is closed
            acknowledged.completeExceptionally(e);
        }
        return metrics.timePublish(acknowledged, started);
    }

    @PreDestroy
    void close() {
        producerMetrics.close();
        producer.close(Duration.ofSeconds(10));
    }

    private static void putHeader(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Every {@code palimpsest.ingest.import-producer.*} property, named as Kafka names it, and the broker. */
    static Properties settings(Config config, String bootstrapServers) {
        Properties settings = new Properties();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                settings.put(name.substring(PREFIX.length()), config.getValue(name, String.class));
            }
        }
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "palimpsest-ingest-imports");
        return settings;
    }
}
