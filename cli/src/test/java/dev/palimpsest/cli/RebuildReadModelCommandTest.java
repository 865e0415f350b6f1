package dev.palimpsest.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rebuild-read-model command, through the generated client, against a stand-in query-service that answers the
 * POST, then each poll with the next status. (The real thing: e2e-tests' ReadModelRebuildTest.)
 */
class RebuildReadModelCommandTest {

    private static final String ID = "0b8e7f36-55d4-4c40-9d3c-5d0f9f0a4a11";

    private HttpServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    /** Method and Authorization header of each request. */
    private final List<String> requests = new CopyOnWriteArrayList<>();
    @TempDir
    Path home;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String status(String phase, long replayed, long total, String failure) {
        return """
                {"id":"%s","phase":"%s","replayed":%d,"total":%d,"perSecond":250.0,"secondsLeft":%s,"skipped":1,\
                "startedAt":"2026-12-03T08:00:00Z","switchedAt":%s,"finishedAt":null,"failure":%s}"""
                .formatted(ID, phase, replayed, total, phase.equals("replaying") ? "2" : "null",
                        phase.equals("switched") ? "\"2026-12-03T08:00:05Z\"" : "null",
                        failure == null ? "null" : "\"" + failure + "\"");
    }

    private String query(int postStatus, String postBody, String... polls) throws IOException {
        server = CliTests.standIn("/admin/read-model/rebuild", exchange -> requests.add(
                exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization")),
                postStatus, postBody, polls);
        return CliTests.url(server);
    }

    /** Runs the command as on a terminal: the progress line is redrawn at every poll. */
    private int run(String... args) {
        RebuildReadModelCommand command = new RebuildReadModelCommand();
        command.terminal = CliTests.terminal(out, err, true);
        command.access.environment = Map.of("PALIMPSEST_TOKEN", "admin.token");
        command.access.home = home;
        return new CommandLine(command).execute(args);
    }

    @Test
    void startsWithTheAdminsTokenAndFollowsUntilSwitched() throws IOException {
        String url = query(202, status("preparing", 0, 0, null), status("replaying", 500, 1500, null),
                status("switching", 1500, 1500, null), status("switched", 1500, 1500, null));

        assertEquals(0, run("--query-url", url), err.toString(StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("rebuild " + ID + " started"), printed);
        assertTrue(printed.contains("replaying [########................]  33% 500 of 1500 records, 250 records/s,"
                + " ETA 0:02"), printed);
        assertTrue(printed.contains("switched at 2026-12-03T08:00:05Z"), printed);
        assertEquals("POST Bearer admin.token", requests.get(0));
        assertTrue(requests.stream().skip(1).allMatch(request -> request.equals("GET Bearer admin.token")), requests
                .toString());
    }

    @Test
    void aFailedRebuildExitsOneWithItsReason() throws IOException {
        String url = query(202, status("replaying", 0, 10, null),
                status("failed", 3, 10, "another consumer joined the group"));

        assertEquals(1, run("--query-url", url));

        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("rebuild " + ID + " failed: another consumer joined the group"), printed);
    }

    @Test
    void aRebuildInProgressIsReportedWithHowToFollowIt() throws IOException {
        String url = query(409, """
                {"type":"https://palimpsest.dev/problems/rebuild-in-progress","title":"Rebuild in progress",\
                "status":409,"detail":"rebuild %s is replaying"}""".formatted(ID));

        assertEquals(1, run("--query-url", url));

        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("rebuild " + ID + " is replaying"), printed);
        assertTrue(printed.contains("--follow"), printed);
    }

    @Test
    void followDoesNotStartOne() throws IOException {
        String url = query(500, "{}", status("switched", 7, 7, null));

        assertEquals(0, run("--query-url", url, "--follow"), err.toString(StandardCharsets.UTF_8));

        assertTrue(requests.stream().allMatch(request -> request.startsWith("GET ")), requests.toString());
    }
}
