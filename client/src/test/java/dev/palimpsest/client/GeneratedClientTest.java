package dev.palimpsest.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.palimpsest.client.ingest.ApiResponse;
import dev.palimpsest.client.ingest.model.ImportReport;
import dev.palimpsest.client.ingest.model.ImportState;
import dev.palimpsest.client.query.ApiException;
import dev.palimpsest.client.query.api.AsOfResourceApi;
import dev.palimpsest.client.query.api.HistoryResourceApi;
import dev.palimpsest.client.query.model.HistoryPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated clients and what the hand-written part adds, against a stand-in server that records what it is
 * sent. The surefire JVM runs with ISO-8859-1 as its default charset, so UTF-8 decoding is not an accident of the
 * machine.
 */
class GeneratedClientTest {

    private HttpServer server;
    private final Map<String, byte[]> received = new ConcurrentHashMap<>();
    private final Map<String, String> requestLines = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A server answering each path (without query) with a status, a content type and a body. */
    private URI serve(Map<String, Answer> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            received.put(path, exchange.getRequestBody().readAllBytes());
            requestLines.put(path, exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawQuery() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + exchange.getRequestHeaders().getFirst("Accept"));
            Answer answer = answers.getOrDefault(path, new Answer(404, "application/problem+json",
                    "{\"type\":\"https://palimpsest.dev/problems/not-found\",\"title\":\"Not found\",\"status\":404}"));
            respond(exchange, answer);
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private record Answer(int status, String contentType, String body, Map<String, String> headers) {
        Answer(int status, String contentType, String body) {
            this(status, contentType, body, Map.of());
        }
    }

    @Test
    void theTestJvmDoesNotDefaultToUtf8() {
        assertNotEquals(StandardCharsets.UTF_8, Charset.defaultCharset(), "see the surefire argLine");
    }

    @Test
    void anImportIsStreamedFromDiskByteForByte(@TempDir Path dir) throws Exception {
        byte[] export = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < export.length; i++) {
            export[i] = (byte) (i * 31 + i / 7);
        }
        Path file = Files.write(dir.resolve("dump.xml.bz2"), export);
        URI url = serve(Map.of("/imports", new Answer(202, "application/json",
                "{\"importId\":\"i1\",\"state\":\"PUBLISHING\",\"database\":\"testwiki\",\"pages\":2,\"revisions\":3}")));
        List<Long> progress = new ArrayList<>();

        ApiResponse<ImportReport> accepted = new IngestClient(url).startImport(file, "testwiki", progress::add);

        assertEquals(202, accepted.getStatusCode());
        assertEquals("i1", accepted.getData().getImportId());
        assertEquals(ImportState.PUBLISHING, accepted.getData().getState());
        assertArrayEquals(export, received.get("/imports"), "the file's bytes, not its name as JSON");
        assertEquals("POST database=testwiki application/xml application/json, application/problem+json",
                requestLines.get("/imports"));
        assertEquals(export.length, progress.get(progress.size() - 1));
    }

    @Test
    void anImportLargerThanTheHeapIsStreamed(@TempDir Path dir) throws Exception {
        long size = 256L * 1024 * 1024; // four times the test JVM's heap (-Xmx64m)
        Path file = dir.resolve("big.xml.bz2");
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(size);
        }
        java.util.concurrent.atomic.AtomicLong counted = new java.util.concurrent.atomic.AtomicLong();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/imports", exchange -> {
            byte[] buffer = new byte[64 * 1024];
            try (var body = exchange.getRequestBody()) {
                for (int n; (n = body.read(buffer)) > 0; ) {
                    counted.addAndGet(n);
                }
            }
            respond(exchange, new Answer(202, "application/json", "{\"importId\":\"big\",\"state\":\"PUBLISHING\"}"));
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());

        ApiResponse<ImportReport> accepted = new IngestClient(url).startImport(file, null, null);

        assertEquals("big", accepted.getData().getImportId());
        assertEquals(size, counted.get(), "every byte arrived, none held in memory at once");
    }

    @Test
    void jsonIsDecodedAsUtf8WhateverThePlatformCharset() throws Exception {
        URI url = serve(Map.of("/articles/zhwiki%3A1/revisions", new Answer(200, "application/json",
                "{\"articleKey\":\"zhwiki:1\",\"title\":\"中文 – ü\",\"revisions\":[],\"next\":null}")));
        HistoryPage page = new QueryClient(url).history().listRevisions(
                HistoryResourceApi.APIListRevisionsRequest.newBuilder().key("zhwiki:1").limit(10).order("asc").build());
        assertEquals("中文 – ü", page.getTitle());
        assertEquals("GET limit=10&order=asc null application/json, application/problem+json",
                requestLines.get("/articles/zhwiki%3A1/revisions"));
    }

    @Test
    void aRevisionsTextIsItsExactBytes() throws Exception {
        String text = "Jasic 中文\r\nline two\n";
        URI url = serve(Map.of("/articles/a/revisions/2", new Answer(200, "text/plain; charset=UTF-8", text),
                "/articles/a/as-of", new Answer(200, "text/plain; charset=UTF-8", text)));
        QueryClient query = new QueryClient(url);
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), query.revisionText("a", 2));
        assertTrue(requestLines.get("/articles/a/revisions/2").endsWith("text/plain, application/problem+json"));
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8),
                query.asOfText("a", Instant.parse("2024-06-01T00:00:00Z")));
        assertTrue(requestLines.get("/articles/a/as-of").startsWith("GET t=2024-06-01T00%3A00%3A00Z "),
                requestLines.get("/articles/a/as-of"));
    }

    @Test
    void anErrorCarriesItsProblemBody() throws Exception {
        URI url = serve(Map.of("/articles/a/as-of", new Answer(404, "application/problem+json",
                "{\"type\":\"https://palimpsest.dev/problems/no-revision-at-time\",\"title\":\"No revision at that"
                        + " time\",\"status\":404,\"detail\":\"article 'a' has no revision at or before 2020\"}")));
        ApiException text = assertThrows(ApiException.class,
                () -> new QueryClient(url).asOfText("a", Instant.parse("2020-01-01T00:00:00Z")));
        ApiException json = assertThrows(ApiException.class, () -> new QueryClient(url).asOf().getRevisionAsOf(
                AsOfResourceApi.APIGetRevisionAsOfRequest.newBuilder().key("a")
                        .t(java.time.OffsetDateTime.parse("2020-01-01T00:00:00Z")).build()));
        for (ApiException e : List.of(text, json)) {
            assertEquals(404, e.getCode());
            assertEquals("https://palimpsest.dev/problems/no-revision-at-time", ProblemBodies.type(e.getResponseBody()));
            assertEquals("article 'a' has no revision at or before 2020 (No revision at that time, 404)",
                    ProblemBodies.describe(e.getCode(), e.getResponseBody()));
        }
    }

    @Test
    void aSubmissionIsFollowedToItsRevision() throws Exception {
        UUID archived = UUID.randomUUID();
        UUID pending = UUID.randomUUID();
        URI url = serve(Map.of("/articles/a/submissions/" + archived, new Answer(303, "application/json", "",
                Map.of("Location", "http://localhost:8080/articles/a/revisions/7"))));
        QueryClient query = new QueryClient(url);
        assertEquals(Optional.of(7), query.archivedRevision("a", archived));
        assertEquals(Optional.empty(), query.archivedRevision("a", pending));
    }
}
