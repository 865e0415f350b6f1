package dev.palimpsest.cli;

import dev.palimpsest.client.query.model.Author;
import dev.palimpsest.client.query.model.HistoryPage;
import dev.palimpsest.client.query.model.RevisionSummary;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the commands make of their arguments, and the history table. */
class CommandParsingTest {

    private static <T> T parse(T command, String... args) {
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void submitTakesAKeyAFileAndTheEditsMetadata() {
        SubmitCommand submit = parse(new SubmitCommand(), "jasic-workers-solidarity-group", "new.txt",
                "--author", "Example editor", "-m", "rewrite", "--time", "2025-03-01T09:30:00Z", "--wait",
                "--query-url", "http://q:1", "--ingest-url", "http://i:2");
        assertEquals("jasic-workers-solidarity-group", submit.articleKey);
        assertEquals("new.txt", submit.file);
        assertEquals("Example editor", submit.author);
        assertEquals("rewrite", submit.comment);
        assertEquals(Instant.parse("2025-03-01T09:30:00Z"), submit.time);
        assertTrue(submit.await);
        assertEquals(URI.create("http://q:1"), submit.urls.queryUrl);
        assertEquals(URI.create("http://i:2"), submit.urls.ingestUrl);
        assertNull(parse(new SubmitCommand(), "k").file, "standard input");
    }

    @Test
    void redactTakesAKeyARevisionAReasonAndAToken() {
        RedactCommand redact = parse(new RedactCommand(), "enwiki:12", "3", "--reason", "personal data", "--wait",
                "--token-file", "admin.token");
        assertEquals("enwiki:12", redact.articleKey);
        assertEquals(3, redact.revSeq);
        assertEquals("personal data", redact.reason);
        assertEquals(java.nio.file.Path.of("admin.token"), redact.access.tokenFile);
        assertTrue(redact.await);
        assertThrows(CommandLine.MissingParameterException.class,
                () -> parse(new RedactCommand(), "enwiki:12", "3"), "a reason is required");
        assertThrows(CommandLine.ParameterException.class,
                () -> parse(new RedactCommand(), "enwiki:12", "three", "--reason", "r"));
    }

    @Test
    void theServicesDefaultToWhatUpStarts() {
        // the defaults unless PALIMPSEST_QUERY_URL / PALIMPSEST_INGEST_URL say otherwise
        HistoryCommand history = parse(new HistoryCommand(), "enwiki:12");
        assertEquals(URI.create(System.getenv().getOrDefault("PALIMPSEST_QUERY_URL", "http://localhost:8080")),
                history.urls.queryUrl);
        assertEquals(URI.create(System.getenv().getOrDefault("PALIMPSEST_INGEST_URL", "http://localhost:8081")),
                history.urls.ingestUrl);
        assertEquals(20, history.limit);
        assertEquals(HistoryCommand.Order.desc, history.order);
    }

    @Test
    void historyPagesWithLimitOrderAndCursor() {
        HistoryCommand history = parse(new HistoryCommand(), "enwiki:12", "--limit", "5", "--order", "asc",
                "--cursor", "abc");
        assertEquals(5, history.limit);
        assertEquals(HistoryCommand.Order.asc, history.order);
        assertEquals("abc", history.cursor);
        assertThrows(CommandLine.ParameterException.class,
                () -> parse(new HistoryCommand(), "enwiki:12", "--order", "sideways"));
    }

    @Test
    void asOfTakesInstantsDatesAndNow() {
        assertEquals(Instant.parse("2024-06-01T00:00:00Z"), parse(new AsOfCommand(), "k", "2024-06-01").time);
        assertEquals(Instant.parse("2024-06-01T10:00:00Z"),
                parse(new AsOfCommand(), "k", "2024-06-01T12:00:00+02:00").time);
        Instant before = Instant.now();
        assertFalse(parse(new AsOfCommand(), "k", "now").time.isBefore(before));
        assertTrue(parse(new AsOfCommand(), "k", "now", "--metadata").metadata);
        assertThrows(CommandLine.ParameterException.class, () -> parse(new AsOfCommand(), "k", "yesterday"));
    }

    @Test
    void diffAsksForWordsAndColoursOnlyWhenAsked() {
        DiffCommand diff = parse(new DiffCommand(), "k", "1", "@2025-01-01T00:00:00Z");
        assertEquals("1", diff.from);
        assertEquals("@2025-01-01T00:00:00Z", diff.to);
        assertEquals("word", diff.granularity);
        assertEquals(DiffCommand.Colour.auto, diff.colour);
        assertEquals(1, diff.context);
        DiffCommand never = parse(new DiffCommand(), "k", "1", "2", "--color", "never", "-C", "-1");
        assertEquals(DiffCommand.Colour.never, never.colour);
        assertEquals(-1, never.context);
    }

    @Test
    void colourNeedsATerminalWithoutNoColor() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Terminal terminal = CliTests.terminal(sink, sink, true);
        assertTrue(terminal.colour());
        terminal.noColor = true;
        assertFalse(terminal.colour());
        assertFalse(CliTests.terminal(sink, sink, false).colour());
    }

    @Test
    void everyCommandIsDispatched() {
        CommandLine cli = new CommandLine(new PalimpsestCli());
        assertEquals(List.of("submit", "history", "as-of", "diff", "import", "redact", "rebuild-read-model",
                        "verify", "blame"),
                List.copyOf(cli.getSubcommands().keySet()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        assertEquals(2, cli.execute("history"), "a missing KEY is a usage error");
    }

    @Test
    void historyIsATable() {
        HistoryPage page = new HistoryPage().articleKey("jasic-workers-solidarity-group")
                .title("Jasic Workers Solidarity Group").next("djF8YXNj")
                .revisions(List.of(
                        new RevisionSummary().revSeq(1).revTimestamp(OffsetDateTime.parse("2024-01-01T00:00:00Z"))
                                .author(new Author().userText("Wikipedia contributors")).revLen(5918L)
                                .revSha1("f0fa8b8e63dfc9d769a42af1f6c183ab7dbc8bac").comment("Palimpsest seed"),
                        new RevisionSummary().revSeq(12).revTimestamp(OffsetDateTime.parse("2025-03-01T09:30:00Z"))
                                .author(new Author().userText("Example editor")).revLen(62L)
                                .revSha1("9898281a84ff2b29c6e24b05af1aa731503755cf").comment("rewrite").revertOf(1)));
        assertEquals("""
                jasic-workers-solidarity-group — Jasic Workers Solidarity Group
                rev  edited (UTC)          author                  bytes  sha1        comment
                  1  2024-01-01 00:00:00Z  Wikipedia contributors   5918  f0fa8b8e63  Palimpsest seed
                 12  2025-03-01 09:30:00Z  Example editor             62  9898281a84  [reverts to 1] rewrite
                more: --order asc --cursor djF8YXNj
                """, HistoryCommand.render(page, HistoryCommand.Order.asc, null));
        // the next page's command keeps --known-at, or it would list another history
        assertTrue(HistoryCommand.render(page, HistoryCommand.Order.desc, Instant.parse("2024-06-01T00:00:00Z"))
                .endsWith("more: --order desc --known-at 2024-06-01T00:00:00Z --cursor djF8YXNj\n"));
    }

    @Test
    void historyDiffAndAsOfTakeKnownAt() {
        Instant june = Instant.parse("2024-06-01T00:00:00Z");
        assertEquals(june, parse(new HistoryCommand(), "k", "--known-at", "2024-06-01").knownAt);
        assertEquals(june, parse(new DiffCommand(), "k", "1", "2", "--known-at", "2024-06-01T02:00:00+02:00").knownAt);
        assertEquals(june, parse(new AsOfCommand(), "k", "2019-01-01", "--known-at", "2024-06-01T00:00:00Z").knownAt);
        assertNull(parse(new HistoryCommand(), "k").knownAt);
        assertThrows(CommandLine.ParameterException.class,
                () -> parse(new DiffCommand(), "k", "1", "2", "--known-at", "last week"));
    }
}
