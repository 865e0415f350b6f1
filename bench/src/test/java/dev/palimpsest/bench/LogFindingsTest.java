package dev.palimpsest.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogFindingsTest {

    @TempDir
    Path data;

    @Test
    void countsWarningsAndErrorsOfEachLogAndListsTheDistinctMessagesOnce() throws Exception {
        Files.createDirectories(data.resolve("logs"));
        Files.writeString(data.resolve("logs/archive-service.log"), """
                2026-11-26 00:58:13,695 INFO  [dev.palimpsest.archive] (executor-thread-2) answered 1 submission(s)
                2026-11-26 00:58:14,001 WARN  [org.apache.kafka] (thread) Commit of offset 12 failed
                2026-11-26 00:58:15,001 WARN  [org.apache.kafka] (thread) Commit of offset 13 failed
                2026-11-26 00:58:16,001 ERROR [io.quarkus] (main) Something broke
                2026-11-26 00:58:17,001 INFO  [dev.palimpsest.archive] (executor-thread-2) the word ERROR far along in a message that only mentions it
                """);
        Files.writeString(data.resolve("logs/query-service.log"), "2026-11-26 00:58:13,695 INFO  [x] (y) fine\n");
        Files.createDirectories(data.resolve("postgres"));
        Files.writeString(data.resolve("postgres/postgres.out"),
                "2026-11-26 00:58:13.695 UTC [42] WARNING:  checkpoints are occurring too frequently (9 seconds apart)\n");

        List<LogFindings> findings = LogFindings.scan(data);

        assertEquals(2, findings.size(), "a log without warnings is not listed: " + findings);
        LogFindings archive = findings.get(0);
        assertEquals("logs/archive-service.log", archive.file());
        assertEquals(2, archive.warnings());
        assertEquals(1, archive.errors());
        assertEquals(Map.of("WARN  [org.apache.kafka] (thread) Commit of offset # failed", 2L,
                "ERROR [io.quarkus] (main) Something broke", 1L), archive.examples());
        assertEquals(1, findings.get(1).warnings());
    }
}
