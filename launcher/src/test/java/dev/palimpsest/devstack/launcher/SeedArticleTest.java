package dev.palimpsest.devstack.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.palimpsest.events.ContentHash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedArticleTest {

    /** Opaque to the seed: it passes the token on as it is. */
    private static final String TOKEN = "eyJ.writer.token";

    /** The repository root: tests run in the devstack module's directory. */
    private static final Path HOME = Path.of(System.getProperty("user.dir")).resolve("..").normalize();

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void readsTheRealSeedFileByteForByte() throws IOException {
        byte[] file = Files.readAllBytes(HOME.resolve("data/seed/jasic-workers-solidarity-group.txt"));

        SeedArticle seed = SeedArticle.read(HOME);

        assertEquals("jasic-workers-solidarity-group", seed.key());
        assertEquals("Jasic Workers Solidarity Group", seed.title());
        assertArrayEquals(file, seed.bytes());
        assertTrue(seed.text().contains("佳士工人声援团"), "the Chinese text survives decoding");
        assertEquals(ContentHash.sha1Hex(file), seed.sha1());
        assertEquals("seed-" + ContentHash.sha1Hex(file), seed.idempotencyKey());
    }

    @Test
    void keepsCarriageReturnsAndTrailingBytesButNotInTheTitle() {
        byte[] bytes = "Title with CRLF\r\nbody line\r\n\r\n  last line without newline  ".getBytes(
                StandardCharsets.UTF_8);

        SeedArticle seed = SeedArticle.of("k", bytes);

        assertEquals("Title with CRLF", seed.title());
        assertArrayEquals(bytes, seed.bytes());
    }

    @Test
    void refusesBytesThatAreNotUtf8RatherThanAlteringThem() {
        byte[] latin1 = "Caf\u00e9\nau lait".getBytes(StandardCharsets.ISO_8859_1);

        var error = assertThrows(IllegalArgumentException.class, () -> SeedArticle.of("k", latin1));

        assertTrue(error.getMessage().contains("not valid UTF-8"), error.getMessage());
    }

    @Test
    void refusesABlankFirstLineSinceIngestNeedsATitle() {
        assertThrows(IllegalArgumentException.class,
                () -> SeedArticle.of("k", "\nthe text".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theRequestBodyCarriesTheWholeTextAFixedTimeAndTheAttribution() throws IOException {
        SeedArticle seed = SeedArticle.read(HOME);

        JsonNode body = new ObjectMapper().readTree(seed.requestBody());

        assertEquals(seed.title(), body.get("title").asText());
        assertEquals(seed.text(), body.get("text").asText());
        assertEquals("2024-01-01T00:00:00Z", body.get("timestamp").asText());
        assertTrue(body.get("comment").asText().contains("CC BY-SA 4.0"));
        assertEquals(List.of("title", "text", "timestamp", "author", "comment"), fieldNames(body),
                "only fields ingest's strict parser knows");
    }

    @Test
    void historyAnswersCountAsArchivedOnlyWithARevisionInThem() {
        assertTrue(SeedArticle.hasRevisions("[{\"rev\":1}]"));
        assertTrue(SeedArticle.hasRevisions("{\"articleKey\":\"k\",\"revisions\":[{\"rev\":1}],\"next\":null}"));
        assertFalse(SeedArticle.hasRevisions("[]"));
        assertFalse(SeedArticle.hasRevisions("{\"revisions\":[]}"));
        assertFalse(SeedArticle.hasRevisions("{\"count\":3}"), "unknown shape: submit, it is idempotent");
        assertFalse(SeedArticle.hasRevisions("not json"));
        assertFalse(SeedArticle.hasRevisions(""));
    }

    @Test
    void submitsWhenQueryHasNothingThenWaitsUntilItIsServed() throws IOException {
        SeedArticle seed = SeedArticle.read(HOME);
        List<Recorded> requests = new CopyOnWriteArrayList<>();
        AtomicInteger asOfCalls = new AtomicInteger();
        URI url = serve(requests, exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("POST")) {
                respond(exchange, 202, "{}".getBytes(StandardCharsets.UTF_8));
            } else if (path.endsWith("/as-of")) {
                // not archived yet on the first two polls, as when the events are still on their way
                if (asOfCalls.incrementAndGet() <= 2) {
                    respond(exchange, 404, new byte[0]);
                } else {
                    respond(exchange, 200, seed.bytes());
                }
            } else {
                respond(exchange, 404, new byte[0]);
            }
        });

        SeedArticle.Loaded loaded = seed.loadInto(url, url, TOKEN, Duration.ofSeconds(30));

        assertTrue(loaded.submitted());
        assertTrue(loaded.intact());
        assertEquals(seed.sha1(), loaded.servedSha1());
        assertEquals(3, asOfCalls.get());
        Recorded post = requests.stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
        assertEquals("/articles/jasic-workers-solidarity-group/revisions", post.path());
        assertEquals("seed-" + seed.sha1(), post.idempotencyKey());
        assertEquals("Bearer " + TOKEN, post.authorization(), "the submission carries the writer's token");
        assertEquals(seed.text(), new ObjectMapper().readTree(post.body()).get("text").asText());
        Recorded asOf = requests.get(requests.size() - 1);
        assertEquals("text/plain", asOf.accept());
        assertEquals("t=" + SeedArticle.EDIT_TIME, asOf.query(), "the seed is checked at its own time");
        assertTrue(asOf.query().matches("t=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), asOf.query());
    }

    @Test
    void doesNotSubmitWhatIsAlreadyThereAndReportsDifferentBytes() {
        SeedArticle seed = SeedArticle.read(HOME);
        List<Recorded> requests = new CopyOnWriteArrayList<>();
        URI url = serve(requests, exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("/revisions")) {
                respond(exchange, 200, "{\"revisions\":[{\"rev\":1}]}".getBytes(StandardCharsets.UTF_8));
            } else {
                respond(exchange, 200, "a later edit".getBytes(StandardCharsets.UTF_8));
            }
        });

        SeedArticle.Loaded loaded = seed.loadInto(url, url, TOKEN, Duration.ofSeconds(30));

        assertFalse(loaded.submitted());
        assertTrue(requests.stream().noneMatch(r -> r.method().equals("POST")));
        assertFalse(loaded.intact());
        assertEquals(ContentHash.sha1Hex("a later edit"), loaded.servedSha1());
    }

    @Test
    void aRefusalByIngestIsReportedWithItsProblem() {
        SeedArticle seed = SeedArticle.read(HOME);
        URI url = serve(new CopyOnWriteArrayList<>(), exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                respond(exchange, 422, "{\"title\":\"Invalid revision\"}".getBytes(StandardCharsets.UTF_8));
            } else {
                respond(exchange, 404, new byte[0]);
            }
        });

        var error = assertThrows(IllegalStateException.class,
                () -> seed.loadInto(url, url, TOKEN, Duration.ofSeconds(30)));

        assertTrue(error.getMessage().contains("422") && error.getMessage().contains("Invalid revision"),
                error.getMessage());
    }

    @Test
    void givesUpWhenQueryNeverServesIt() {
        SeedArticle seed = SeedArticle.read(HOME);
        URI url = serve(new CopyOnWriteArrayList<>(), exchange -> respond(exchange,
                exchange.getRequestMethod().equals("POST") ? 202 : 404, new byte[0]));

        var error = assertThrows(IllegalStateException.class,
                () -> seed.loadInto(url, url, TOKEN, Duration.ofSeconds(1)));

        assertTrue(error.getMessage().contains("did not serve"), error.getMessage());
    }

    private record Recorded(String method, String path, String query, String accept, String idempotencyKey,
                            String authorization, byte[] body) {
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /** A fake ingest and query service in one: records each request, answers as {@code handler} says. */
    private URI serve(List<Recorded> requests, Handler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Accept"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            handler.handle(exchange);
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
