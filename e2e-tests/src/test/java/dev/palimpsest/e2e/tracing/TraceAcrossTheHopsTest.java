package dev.palimpsest.e2e.tracing;

import dev.palimpsest.client.ingest.api.SubmissionResourceApi;
import dev.palimpsest.client.ingest.model.SubmissionReceipt;
import dev.palimpsest.client.ingest.model.SubmitRevisionRequest;
import dev.palimpsest.devstack.DataDirectories;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.devstack.launcher.ServiceProcess;
import dev.palimpsest.e2e.StackClient;
import dev.palimpsest.e2e.tracing.OtlpTraceReceiver.ReceivedSpan;
import dev.palimpsest.events.Topics;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One trace across the three services and both topics (ADR 0016): a revision submitted over HTTP is followed, by
 * its trace id alone, from ingest's request through its record on {@code palimpsest.revisions.submitted}, the
 * archive's processing of that record and its answer on {@code palimpsest.revisions.archived}, to the read model
 * applying the answer. The stack exports to a receiver this test runs itself (OTLP/HTTP protobuf); the records'
 * {@code traceparent} headers are read from the topics with a plain consumer; and the services' log lines carry
 * the same trace id.
 */
class TraceAcrossTheHopsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0([01])");

    private static OtlpTraceReceiver receiver;
    private static Path dataDirectory;
    private static PalimpsestStack stack;
    private static StackClient client;

    @BeforeAll
    static void startTheStackExportingToTheReceiver() throws Exception {
        receiver = OtlpTraceReceiver.start();
        dataDirectory = Files.createTempDirectory("palimpsest-tracing-");
        Map<String, String> tracing = Map.of(
                "PALIMPSEST_TRACING_EXPORT_ENABLED", "true",
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", receiver.endpoint().toString(),
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                // exported a fifth of a second after they end rather than five seconds
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms",
                // the consumers' per-record lines (in each record's span) are at DEBUG
                "QUARKUS_LOG_CATEGORY__DEV_PALIMPSEST__LEVEL", "DEBUG");
        stack = PalimpsestStack.start(PalimpsestStack.Options.defaults(home()).withDataDirectory(dataDirectory)
                .withFreePorts().withKafkaHeap("384m"), PalimpsestStack.Progress.SILENT, tracing);
        client = new StackClient(stack);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        DataDirectories.deleteQuietly(dataDirectory);
    }

    @Test
    void aSubmittedRevisionIsOneTraceFromTheRequestToTheReadModel() throws Exception {
        String key = "traced-" + UUID.randomUUID();
        SubmissionReceipt receipt = client.ingest().submissions().submitRevision(
                SubmissionResourceApi.APISubmitRevisionRequest.newBuilder().key(key)
                        .submitRevisionRequest(new SubmitRevisionRequest().title("Traced article")
                                .text("A revision followed by its trace id alone.\n")
                                .timestamp(Instant.parse("2024-03-01T12:00:00Z").toString()).author("e2e")
                                .comment("traced")).build());
        await().atMost(PATIENCE).until(() -> client.query().archivedRevision(key, receipt.getEventId()),
                Optional::isPresent);

        // the context each hop wrote into its record's headers
        Matcher submitted = traceparent(Topics.REVISIONS_SUBMITTED, key);
        Matcher archived = traceparent(Topics.REVISIONS_ARCHIVED, key);
        String traceId = submitted.group(1);
        assertEquals(traceId, archived.group(1), "the archive's answer continues the submission's trace");
        assertEquals("1", submitted.group(3), "export is on: the trace is sampled");

        // every hop's span, in one trace, each the child of the one before
        // the pack of texts before the answer is applied in the same trace, in a span of its own: this is the answer's
        ReceivedSpan apply = awaitSpan(traceId, span -> span.name().equals(Topics.REVISIONS_ARCHIVED + " apply")
                && archived.group(2).equals(span.parentSpanId()));
        List<ReceivedSpan> trace = receiver.trace(traceId);
        ReceivedSpan request = only(trace, span -> span.kind() == SpanKind.SPAN_KIND_SERVER, "ingest's request");
        ReceivedSpan ingestProduce = byId(trace, submitted.group(2), "ingest's producer span (traceparent's parent id)");
        ReceivedSpan archive = only(trace, span -> span.name().equals(Topics.REVISIONS_SUBMITTED + " archive"),
                "the archive's processing");
        ReceivedSpan archiveProduce = byId(trace, archived.group(2), "the archive's producer span");

        assertEquals("ingest-service", request.service());
        assertTrue(request.isRoot(), "the request starts the trace: " + request);
        assertEquals("POST", request.attributes().get("http.request.method"), request.toString());

        assertEquals("ingest-service", ingestProduce.service());
        assertEquals(SpanKind.SPAN_KIND_PRODUCER, ingestProduce.kind());
        assertEquals(request.spanId(), ingestProduce.parentSpanId(), "request → produce");
        assertEquals(Topics.REVISIONS_SUBMITTED, ingestProduce.attributes().get("messaging.destination.name"));

        assertEquals("archive-service", archive.service());
        assertEquals(SpanKind.SPAN_KIND_CONSUMER, archive.kind());
        assertEquals(ingestProduce.spanId(), archive.parentSpanId(), "produce → archive");
        assertEquals(key, archive.attributes().get("messaging.kafka.message.key"));

        assertEquals("archive-service", archiveProduce.service());
        assertEquals(SpanKind.SPAN_KIND_PRODUCER, archiveProduce.kind());
        assertEquals(archive.spanId(), archiveProduce.parentSpanId(), "archive → produce the answer");
        assertEquals(Topics.REVISIONS_ARCHIVED, archiveProduce.attributes().get("messaging.destination.name"));

        assertEquals("query-service", apply.service());
        assertEquals(SpanKind.SPAN_KIND_CONSUMER, apply.kind());
        assertEquals(archiveProduce.spanId(), apply.parentSpanId(), "produce the answer → apply");

        // for people (and docs/operating.md, "Tracing"): the chain as a collector received it
        System.out.printf("trace %s, traceparent on %s: %s, on %s: %s%n", traceId, Topics.REVISIONS_SUBMITTED,
                submitted.group(), Topics.REVISIONS_ARCHIVED, archived.group());
        for (ReceivedSpan span : List.of(request, ingestProduce, archive, archiveProduce, apply)) {
            System.out.printf("  %-15s %-9s %-40s span %s parent %s%n", span.service(),
                    span.kind().name().replace("SPAN_KIND_", ""), span.name(), span.spanId(),
                    span.isRoot() ? "-" : span.parentSpanId());
        }

        // the log lines of each hop carry the trace id (MDC)
        assertLogged(stack.ingest(), traceId, "accepted " + receipt.getEventId());
        assertLogged(stack.archive(), traceId, "answering submission " + receipt.getEventId());
        assertLogged(stack.query(), traceId, "(submission " + receipt.getEventId() + ")");
        assertEquals(List.of(), receiver.refused(), "every request to the receiver was a trace export");
    }

    private static ReceivedSpan awaitSpan(String traceId, Predicate<ReceivedSpan> wanted) {
        try {
            return await().atMost(PATIENCE).until(
                    () -> receiver.trace(traceId).stream().filter(wanted).findFirst(), Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no such span in trace " + traceId + "; received " + receiver.spans()
                    + "; refused " + receiver.refused(), e);
        }
    }

    private static ReceivedSpan only(List<ReceivedSpan> trace, Predicate<ReceivedSpan> wanted, String what) {
        List<ReceivedSpan> found = trace.stream().filter(wanted).toList();
        assertEquals(1, found.size(), what + ", once, in " + trace);
        return found.get(0);
    }

    private static ReceivedSpan byId(List<ReceivedSpan> trace, String spanId, String what) {
        return only(trace, span -> span.spanId().equals(spanId), what);
    }

    /** The {@code traceparent} header of the record keyed {@code key} on {@code topic}, parsed. */
    private static Matcher traceparent(String topic, String key) {
        ConsumerRecord<String, byte[]> record = firstRecord(topic, key);
        Header header = record.headers().lastHeader("traceparent");
        assertTrue(header != null, "a traceparent header on " + topic + " for " + key);
        Matcher matcher = TRACEPARENT.matcher(new String(header.value(), StandardCharsets.UTF_8));
        assertTrue(matcher.matches(), "a W3C traceparent: " + new String(header.value(), StandardCharsets.UTF_8));
        return matcher;
    }

    private static ConsumerRecord<String, byte[]> firstRecord(String topic, String key) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.devStack().kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return await().atMost(PATIENCE).pollInSameThread().until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    // the article's first record that is not a pack of texts sent ahead of the answers (ADR 0026)
                    if (key.equals(record.key()) && !new String(record.value(), StandardCharsets.UTF_8)
                            .contains(dev.palimpsest.events.TextsArchived.SCHEMA)) {
                        return Optional.of(record);
                    }
                }
                return Optional.<ConsumerRecord<String, byte[]>>empty();
            }, Optional::isPresent).orElseThrow();
        }
    }

    private static void assertLogged(ServiceProcess service, String traceId, String message) throws Exception {
        List<String> lines = Files.readAllLines(service.logFile(), StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains(message)).toList();
        assertTrue(!lines.isEmpty(), service.logFile() + " has a line with '" + message + "'");
        assertTrue(lines.stream().anyMatch(line -> line.contains("traceId=" + traceId)),
                "the line carries the trace id " + traceId + ": " + lines);
    }

    private static Path home() {
        return Path.of(System.getProperty("palimpsest.home", "..")).toAbsolutePath().normalize();
    }
}
