package dev.palimpsest.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The import command, through the generated client, against a stand-in ingest-service that records what it is sent. */
class ImportCommandTest {

    private HttpServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    /** What the last upload's Authorization header said, null for none. */
    private final AtomicReference<String> authorization = new AtomicReference<>();
    /** The token the command finds in its environment; none unless a test sets one. */
    private java.util.Map<String, String> environment = java.util.Map.of();
    @TempDir
    Path home;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String ingest(AtomicReference<byte[]> received, AtomicReference<String> query, int postStatus,
                          String postBody, String... reports) throws IOException {
        server = CliTests.standIn("/imports", exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                received.set(exchange.getRequestBody().readAllBytes());
                authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
                query.set(exchange.getRequestURI().getRawQuery());
            }
        }, postStatus, postBody, reports);
        return CliTests.url(server);
    }

    private int run(String... args) {
        ImportCommand command = new ImportCommand();
        command.terminal = CliTests.terminal(out, err, false);
        command.access.environment = environment;
        command.access.home = home;
        return new CommandLine(command).execute(args);
    }

    @Test
    void theTokenOfTheEnvironmentGoesWithTheUpload(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("dump.xml"), "<mediawiki/>".getBytes(StandardCharsets.UTF_8));
        environment = java.util.Map.of("PALIMPSEST_TOKEN", "env.token.value\n");
        String url = ingest(new AtomicReference<>(), new AtomicReference<>(), 202,
                "{\"importId\":\"i1\",\"pages\":1,\"revisions\":0,\"database\":\"testwiki\"}",
                "{\"importId\":\"i1\",\"state\":\"COMPLETED\",\"published\":0,\"rejected\":0}");

        assertEquals(0, run(file.toString(), "--url", url), err.toString(StandardCharsets.UTF_8));

        assertEquals("Bearer env.token.value", authorization.get());
    }

    @Test
    void aTokenFileWinsOverTheEnvironmentAndTheDefaultFileIsTheLastResort(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("dump.xml"), "<mediawiki/>".getBytes(StandardCharsets.UTF_8));
        String url = ingest(new AtomicReference<>(), new AtomicReference<>(), 202,
                "{\"importId\":\"i1\",\"pages\":1,\"revisions\":0,\"database\":\"testwiki\"}",
                "{\"importId\":\"i1\",\"state\":\"COMPLETED\",\"published\":0,\"rejected\":0}");
        Files.createDirectories(home.resolve(".config/palimpsest"));
        Files.writeString(home.resolve(".config/palimpsest/token"), "default.file.token\n");

        assertEquals(0, run(file.toString(), "--url", url));
        assertEquals("Bearer default.file.token", authorization.get());

        environment = java.util.Map.of("PALIMPSEST_TOKEN", "env.token");
        assertEquals(0, run(file.toString(), "--url", url));
        assertEquals("Bearer env.token", authorization.get());

        Path tokenFile = Files.writeString(dir.resolve("token"), "named.file.token");
        assertEquals(0, run(file.toString(), "--url", url, "--token-file", tokenFile.toString()));
        assertEquals("Bearer named.file.token", authorization.get());
    }

    @Test
    void aRefusedTokenIsExplainedWithWhereTokensComeFrom(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("dump.xml"), "<mediawiki/>".getBytes(StandardCharsets.UTF_8));
        String url = ingest(new AtomicReference<>(), new AtomicReference<>(), 401,
                "{\"type\":\"https://palimpsest.dev/problems/unauthenticated\",\"title\":\"Authentication required\","
                        + "\"status\":401,\"detail\":\"this operation needs a bearer token\"}");

        assertEquals(1, run(file.toString(), "--url", url));

        assertEquals(null, authorization.get(), "no token anywhere: none sent");
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("this operation needs a bearer token (Authentication required, 401)"), message);
        assertTrue(message.contains("no token found: set PALIMPSEST_TOKEN or --token-file"), message);
    }

    @Test
    void aMissingTokenFileIsAUsageError(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("dump.xml"), "<mediawiki/>".getBytes(StandardCharsets.UTF_8));

        assertEquals(2, run(file.toString(), "--url", "http://127.0.0.1:9", "--token-file",
                dir.resolve("absent").toString()));

        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot read the token file"));
    }

    @Test
    void uploadsTheFileAsItIsAndFollowsTheImportToItsEnd(@TempDir Path dir) throws IOException {
        byte[] dump = new byte[300_000];
        for (int i = 0; i < dump.length; i++) {
            dump[i] = (byte) (i * 31);
        }
        Path file = Files.write(dir.resolve("dump.xml.bz2"), dump);
        AtomicReference<byte[]> received = new AtomicReference<>();
        AtomicReference<String> query = new AtomicReference<>();
        String url = ingest(received, query, 202,
                "{\"importId\":\"i1\",\"pages\":2,\"revisions\":3,\"database\":\"testwiki\"}",
                "{\"importId\":\"i1\",\"state\":\"PUBLISHING\",\"published\":1,\"rejected\":0}",
                "{\"importId\":\"i1\",\"state\":\"COMPLETED\",\"published\":2,\"rejected\":1,\"revisionsPerSecond\":4.5,"
                        + "\"rejections\":[{\"pageTitle\":\"T\",\"revId\":9,\"reason\":\"text hidden\"}]}");

        int exit = run(file.toString(), "--url", url, "--database", "testwiki");

        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        assertArrayEquals(dump, received.get(), "the bytes on disk, compressed as they are");
        assertEquals("database=testwiki", query.get());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("import i1: 2 pages, 3 revisions of testwiki"), printed);
        assertTrue(printed.contains("import i1 completed: 2 published, 1 rejected"), printed);
        assertTrue(printed.contains("rejected r9 of \"T\": text hidden"), printed);
    }

    @Test
    void aRefusalIsReportedWithItsDetail(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.xml"), "<html/>");
        String url = ingest(new AtomicReference<>(), new AtomicReference<>(), 400,
                "{\"type\":\"https://palimpsest.dev/problems/invalid-dump\",\"detail\":\"the root element is <html>\"}");
        assertEquals(1, run(file.toString(), "--url", url));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("the root element is <html>"));
    }

    @Test
    void aMissingFileIsAUsageError(@TempDir Path dir) {
        assertEquals(2, run(dir.resolve("nope.xml").toString(), "--url", "http://127.0.0.1:9"));
    }

    @Test
    void aFailedImportExitsNonZero(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("d.xml"), "<mediawiki/>");
        String url = ingest(new AtomicReference<>(), new AtomicReference<>(), 202,
                "{\"importId\":\"i2\",\"pages\":1,\"revisions\":1,\"database\":\"w\"}",
                "{\"importId\":\"i2\",\"state\":\"FAILED\",\"published\":0,\"rejected\":0,\"error\":\"broker down\"}");
        assertEquals(1, run(file.toString(), "--url", url));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("broker down"));
    }

    @Test
    void anInterruptedImportExitsNonZeroSayingWhenItWasLastSeenAndHowFarItGot(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("d.xml"), "<mediawiki/>");
        String detail = "ingest instance ingest-service-1 stopped reporting on it (4 s of silence, more than the 3 s"
                + " allowed); last reported at 2026-12-03T08:00:00Z with at least 40 of 100 revisions published";
        String url = ingest(new AtomicReference<>(), new AtomicReference<>(), 202,
                "{\"importId\":\"i3\",\"pages\":1,\"revisions\":100,\"database\":\"w\"}",
                "{\"importId\":\"i3\",\"state\":\"PUBLISHING\",\"published\":40,\"rejected\":0}",
                "{\"importId\":\"i3\",\"state\":\"INTERRUPTED\",\"published\":40,\"rejected\":0,"
                        + "\"updatedAt\":\"2026-12-03T08:00:00Z\",\"instanceId\":\"ingest-service-1\","
                        + "\"error\":\"" + detail + "\"}");

        assertEquals(1, run(file.toString(), "--url", url));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("import i3 interrupted: 40 published, 0 rejected"), printed);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(detail), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPollThatReachesAnInstanceGoingAwayIsAskedAgain(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("d.xml"), "<mediawiki/>");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger polls = new AtomicInteger();
        server.createContext("/imports", exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                CliTests.respond(exchange, 202, "{\"importId\":\"i4\",\"pages\":1,\"revisions\":1,\"database\":\"w\"}");
            } else if (polls.getAndIncrement() == 0) {
                // what a balancer answers while the instance behind it dies
                CliTests.respond(exchange, 502, "{\"status\":502}");
            } else {
                CliTests.respond(exchange, 200, "{\"importId\":\"i4\",\"state\":\"COMPLETED\",\"published\":1,\"rejected\":0}");
            }
        });
        server.start();

        assertEquals(0, run(file.toString(), "--url", "http://127.0.0.1:" + server.getAddress().getPort()),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(2, polls.get());
    }
}
