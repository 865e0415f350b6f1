package dev.palimpsest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./palimpsest import FILE}: streams a MediaWiki export (plain or compressed, sent as it is on disk) to
 * ingest-service's {@code POST /imports}, then follows the import until its revisions are all published.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a MediaWiki XML export (plain, gzip, bzip2, xz or LZMA) into the archive.")
final class ImportCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(500);

    @Parameters(index = "0", paramLabel = "FILE", description = "The export, e.g. enwiki-…-pages-meta-history.xml.bz2")
    Path file;

    @Option(names = "--url", defaultValue = "${PALIMPSEST_INGEST_URL:-http://localhost:8081}",
            description = "ingest-service's address (default: ${DEFAULT-VALUE}; env PALIMPSEST_INGEST_URL)")
    URI ingestUrl;

    @Option(names = "--database", description = "The wiki's database name (e.g. enwiki), when the export's own"
            + " or the one derived from its <base> is not wanted")
    String database;

    PrintStream out = System.out;
    PrintStream err = System.err;
    boolean terminal = System.console() != null;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            err.println("palimpsest import: no such file " + file);
            return 2;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        long size = Files.size(file);
        ProgressLine upload = new ProgressLine(out, terminal);
        AtomicLong sent = new AtomicLong();
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(importsUri())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return new Counting(Files.newInputStream(file), sent, () -> upload.show("upload",
                                size == 0 ? -1 : (double) sent.get() / size,
                                ProgressLine.human(sent.get(), "B") + " of " + ProgressLine.human(size, "B"),
                                sent.get() / seconds(started), "B"));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }), size))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            upload.done();
            err.println("palimpsest import: cannot reach ingest-service at " + ingestUrl + ": " + e.getMessage());
            return 1;
        }
        upload.done();
        JsonNode answer = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        if (response.statusCode() != 202) {
            err.println("palimpsest import: refused (" + response.statusCode() + "): "
                    + answer.path("detail").asText(response.body()));
            return 1;
        }
        String importId = answer.path("importId").asText();
        out.printf("import %s: %d pages, %d revisions of %s; publishing%n", importId, answer.path("pages").asLong(),
                answer.path("revisions").asLong(), answer.path("database").asText());
        return follow(http, importId, answer.path("revisions").asLong());
    }

    private int follow(HttpClient http, String importId, long revisions) throws Exception {
        ProgressLine progress = new ProgressLine(out, terminal);
        URI status = ingestUrl.resolve("/imports/" + importId);
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(status).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                progress.done();
                err.println("palimpsest import: lost track of import " + importId + " (" + response.statusCode()
                        + ")");
                return 1;
            }
            JsonNode report = JSON.readTree(response.body());
            long handled = report.path("published").asLong() + report.path("rejected").asLong();
            progress.show("publish", revisions == 0 ? -1 : (double) handled / revisions,
                    report.path("published").asLong() + " published, " + report.path("rejected").asLong()
                            + " rejected of " + revisions + " revisions",
                    report.path("revisionsPerSecond").asDouble(), "rev");
            String state = report.path("state").asText();
            if (!state.equals("PUBLISHING")) {
                progress.done();
                return summarise(report);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private int summarise(JsonNode report) {
        out.printf("import %s %s: %d published, %d rejected (%.1f revisions/s)%n", report.path("importId").asText(),
                report.path("state").asText().toLowerCase(java.util.Locale.ROOT), report.path("published").asLong(),
                report.path("rejected").asLong(), report.path("revisionsPerSecond").asDouble());
        for (JsonNode rejection : report.path("rejections")) {
            out.printf("  rejected r%s of \"%s\": %s%n", rejection.path("revId").asText("?"),
                    rejection.path("pageTitle").asText("?"), rejection.path("reason").asText());
        }
        if (report.path("state").asText().equals("FAILED")) {
            err.println("palimpsest import: " + report.path("error").asText());
            return 1;
        }
        return 0;
    }

    private URI importsUri() {
        String query = database == null ? "" : "?database=" + URLEncoder.encode(database, StandardCharsets.UTF_8);
        return ingestUrl.resolve("/imports" + query);
    }

    private static double seconds(long startedNanos) {
        return Math.max(System.nanoTime() - startedNanos, 1) / 1e9;
    }

    /** Counts bytes as the HTTP client reads them, and reports at most a few times a second. */
    private static final class Counting extends FilterInputStream {
        private final AtomicLong count;
        private final Runnable report;
        private long lastReport;

        Counting(InputStream in, AtomicLong count, Runnable report) {
            super(in);
            this.count = count;
            this.report = report;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count.addAndGet(n);
                long now = System.nanoTime();
                if (now - lastReport > 200_000_000L) {
                    lastReport = now;
                    report.run();
                }
            }
            return n;
        }
    }
}
