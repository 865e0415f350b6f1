package dev.palimpsest.cli;

import dev.palimpsest.client.IngestClient;
import dev.palimpsest.client.ingest.ApiException;
import dev.palimpsest.client.ingest.model.ImportRejection;
import dev.palimpsest.client.ingest.model.ImportReport;
import dev.palimpsest.client.ingest.model.ImportState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./palimpsest import FILE}: streams a MediaWiki export (plain or compressed, sent as it is on disk) to
 * ingest-service's {@code POST /imports} through the generated client, then follows the import until its revisions
 * are all published.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a MediaWiki XML export (plain, gzip, bzip2, xz or LZMA) into the archive.")
final class ImportCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(500);
    /** How long polls may go unanswered (connection refused, 502-504) before the CLI gives up following. */
    private static final Duration UNREACHABLE_PATIENCE = Duration.ofSeconds(30);

    @Parameters(index = "0", paramLabel = "FILE", description = "The export, e.g. enwiki-…-pages-meta-history.xml.bz2")
    Path file;

    @Option(names = "--database", description = "The wiki's database name (e.g. enwiki), when the export's own"
            + " or the one derived from its <base> is not wanted")
    String database;

    @Mixin
    ServiceUrls urls;

    @Mixin
    AccessToken access = new AccessToken();

    Terminal terminal = new Terminal();

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            terminal.err.println("palimpsest import: no such file " + file);
            return 2;
        }
        java.util.Optional<String> token;
        try {
            token = access.token();
        } catch (java.io.UncheckedIOException e) {
            terminal.err.println("palimpsest import: " + e.getMessage());
            return 2;
        }
        IngestClient ingest = new IngestClient(urls.ingestUrl, token.orElse(null));
        long size = Files.size(file);
        ProgressLine upload = new ProgressLine(terminal.out, terminal.interactive);
        long started = System.nanoTime();
        ImportReport accepted;
        try {
            accepted = ingest.startImport(file, database, sent -> upload.show("upload",
                    size == 0 ? -1 : (double) sent / size,
                    ProgressLine.human(sent, "B") + " of " + ProgressLine.human(size, "B"),
                    sent / seconds(started), "B")).getData();
        } catch (ApiException e) {
            upload.done();
            return Failures.reportWrite(terminal.err, "import", urls.ingestUrl, e.getCode(), e.getResponseBody(), e,
                    access, token.isPresent());
        }
        upload.done();
        terminal.out.printf("import %s: %d pages, %d revisions of %s; publishing%n", accepted.getImportId(),
                accepted.getPages(), accepted.getRevisions(), accepted.getDatabase());
        return follow(ingest, accepted.getImportId(), accepted.getRevisions() == null ? 0 : accepted.getRevisions());
    }

    private int follow(IngestClient ingest, String importId, long revisions) throws InterruptedException {
        ProgressLine progress = new ProgressLine(terminal.out, terminal.interactive);
        long unreachableSince = 0;
        while (true) {
            ImportReport report;
            try {
                report = ingest.imports().getImport(importId);
                unreachableSince = 0;
            } catch (ApiException e) {
                // behind a balancer, the instance asked may be going away (no answer, 502-504): any other answers
                // for the import (any instance does), so ask again for a while; a 404 is an answer, not an outage
                boolean passing = e.getCode() == 0 || e.getCode() == 502 || e.getCode() == 503 || e.getCode() == 504;
                long now = System.nanoTime();
                unreachableSince = unreachableSince == 0 ? now : unreachableSince;
                if (passing && now - unreachableSince < UNREACHABLE_PATIENCE.toNanos()) {
                    Thread.sleep(POLL.toMillis());
                    continue;
                }
                progress.done();
                terminal.err.println("palimpsest import: lost track of import " + importId + " (" + e.getCode() + ")");
                return 1;
            }
            long published = orZero(report.getPublished());
            long rejected = orZero(report.getRejected());
            progress.show("publish", revisions == 0 ? -1 : (double) (published + rejected) / revisions,
                    published + " published, " + rejected + " rejected of " + revisions + " revisions",
                    report.getRevisionsPerSecond() == null ? 0 : report.getRevisionsPerSecond(), "rev");
            if (report.getState() != ImportState.PUBLISHING) {
                progress.done();
                return summarise(report);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private int summarise(ImportReport report) {
        String state = report.getState() == null ? "unknown" : report.getState().getValue().toLowerCase(Locale.ROOT);
        terminal.out.printf(Locale.ROOT, "import %s %s: %d published, %d rejected (%.1f revisions/s)%n",
                report.getImportId(), state, orZero(report.getPublished()), orZero(report.getRejected()),
                report.getRevisionsPerSecond() == null ? 0.0 : report.getRevisionsPerSecond());
        if (report.getRejections() != null) {
            for (ImportRejection rejection : report.getRejections()) {
                terminal.out.printf("  rejected r%s of \"%s\": %s%n",
                        rejection.getRevId() == null ? "?" : rejection.getRevId(),
                        rejection.getPageTitle() == null ? "?" : rejection.getPageTitle(), rejection.getReason());
            }
        }
        if (report.getState() != ImportState.COMPLETED) {
            terminal.err.println("palimpsest import: " + (report.getError() == null ? state : report.getError()));
            return 1;
        }
        return 0;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static double seconds(long startedNanos) {
        return Math.max(System.nanoTime() - startedNanos, 1) / 1e9;
    }
}
