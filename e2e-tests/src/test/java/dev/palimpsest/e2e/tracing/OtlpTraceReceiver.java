package dev.palimpsest.e2e.tracing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for an OpenTelemetry collector: an HTTP server on a free local port that accepts OTLP/HTTP protobuf
 * exports ({@code POST /v1/traces}) and keeps every span it is sent, decoded with the protocol's own generated
 * classes. What the services export is thus checked as a collector would see it, with no collector to install.
 */
final class OtlpTraceReceiver implements AutoCloseable {

    /** One exported span, with the ids in the hexadecimal form of {@code traceparent} headers. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
                        Span.SpanKind kind, Map<String, String> attributes) {

        boolean isRoot() {
            return parentSpanId.isEmpty();
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    private OtlpTraceReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpTraceReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        OtlpTraceReceiver receiver = new OtlpTraceReceiver(server);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    /** Where to point the services: {@code QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    /** Requests that were not a decodable trace export (none expected). */
    List<String> refused() {
        return List.copyOf(refused);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
                refused.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try (InputStream body = body(exchange)) {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (IOException | RuntimeException | LinkageError e) {
                refused.add("undecodable export: " + e);
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
                String service = attributes(resourceSpans.getResource().getAttributesList()).getOrDefault(
                        "service.name", "");
                for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                    for (Span span : scopeSpans.getSpansList()) {
                        spans.add(new ReceivedSpan(service, hex(span.getTraceId().toByteArray()),
                                hex(span.getSpanId().toByteArray()), hex(span.getParentSpanId().toByteArray()),
                                span.getName(), span.getKind(), attributes(span.getAttributesList())));
                    }
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    private static InputStream body(HttpExchange exchange) throws IOException {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        return "gzip".equalsIgnoreCase(encoding)
                ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody();
    }

    private static Map<String, String> attributes(List<KeyValue> keyValues) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (KeyValue keyValue : keyValues) {
            attributes.put(keyValue.getKey(), text(keyValue.getValue()));
        }
        return attributes;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> value.toString();
        };
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
