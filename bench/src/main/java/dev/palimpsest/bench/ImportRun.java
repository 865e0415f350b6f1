package dev.palimpsest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.devstack.access.DevstackIssuer;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.events.Roles;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * One measured import into a running stack: streams a synthetic dump into {@code POST /imports}, follows it
 * through ingest, the archive and the read model until every article is complete over HTTP (in the archive and
 * in the read model), and samples counts and memory along the way (printing a line each time).
 *
 * <p>Milestones are looked for every second, so their times are good to a second (ingest's answer and its end of
 * publishing are exact: the one is timed as it arrives, the other is ingest's own); samples are taken every
 * {@code sampleEvery}. A run that makes no progress at all for {@code stallTimeout} gives up.
 */
final class ImportRun {

    private static final Duration TOKEN_LIFETIME = Duration.ofDays(2);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TICK = Duration.ofSeconds(1);

    private final PalimpsestStack stack;
    private final ImportSource source;
    private final boolean gzip;
    private final Duration sampleEvery;
    private final Duration stallTimeout;
    private final PrintStream out;
    private final long total;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    // what is known so far, updated every tick
    private Instant startedAt;
    private long begin;
    private DumpUpload upload;
    private String importId;
    private ImportStatus importStatus;
    private PipelineOffsets.Counts counts = PipelineOffsets.Counts.NONE;
    /** What the topics held before this run: a stack that already holds other imports counts from there. */
    private PipelineOffsets.Counts before = PipelineOffsets.Counts.NONE;
    private ArticleVerification.Outcome verification;
    private Duration answered;
    private Duration published;
    private Duration archived;
    private Duration inReadModel;
    private final List<Sample> samples = new ArrayList<>();

    ImportRun(PalimpsestStack stack, ImportSource source, boolean gzip, Duration sampleEvery, Duration stallTimeout,
              PrintStream out) {
        this.stack = stack;
        this.source = source;
        this.gzip = gzip;
        this.sampleEvery = sampleEvery;
        this.stallTimeout = stallTimeout;
        this.out = out;
        this.total = source.totalRevisions();
    }

    RunOutcome run() throws InterruptedException {
        StackProcesses processes = StackProcesses.of(stack);
        // a run may take hours; the tokens outlive any of them
        DevstackIssuer issuer = stack.devStack().issuer();
        ArticleVerification articles = new ArticleVerification(http, stack.archiveUrl(), stack.queryUrl(),
                issuer.mint("bench", Set.of(Roles.ADMIN), TOKEN_LIFETIME), source.expectedRevisions());
        String failure = null;
        try (PipelineOffsets offsets = new PipelineOffsets(stack.devStack().kafkaBootstrapServers())) {
            before = offsets.read();
            startedAt = Instant.now();
            begin = System.nanoTime();
            upload = DumpUpload.start(source, http, stack.ingestUrl(),
                    issuer.mint("bench", Set.of(Roles.WRITER), TOKEN_LIFETIME), gzip);
            Duration nextSample = Duration.ZERO;
            Duration lastProgress = Duration.ZERO;
            String lastState = "";
            while (true) {
                failure = advance(offsets, articles);
                if (failure != null || inReadModel != null) {
                    break;
                }
                Duration now = elapsed();
                if (now.compareTo(nextSample) >= 0) {
                    sample(processes, now);
                    nextSample = nextSample.plus(sampleEvery);
                }
                String state = progressSignature();
                if (!state.equals(lastState)) {
                    lastState = state;
                    lastProgress = now;
                } else if (now.minus(lastProgress).compareTo(stallTimeout) > 0) {
                    failure = "no progress for " + stallTimeout.toMinutes() + " min (" + state + ")";
                    break;
                }
                Thread.sleep(TICK.toMillis());
            }
        }
        sample(processes, elapsed()); // the end state, whatever it is
        SyntheticDump.Totals generated = upload.generated().isDone() && !upload.generated().isCompletedExceptionally()
                ? upload.generated().join() : null;
        return new RunOutcome(startedAt, generated, upload.bytesGenerated(), answered, published, archived,
                inReadModel, importStatus, counts, verification, List.copyOf(samples), failure);
    }

    /** Looks at every stage once and notes the milestones reached; returns why the run cannot go on, or null. */
    private String advance(PipelineOffsets offsets, ArticleVerification articles) throws InterruptedException {
        // ingest's answer first: when it refuses the upload, the generator fails too, for want of a reader
        if (importId == null && upload.response().isDone()) {
            String refusal = accepted();
            if (refusal != null) {
                return refusal;
            }
        }
        if (upload.generated().isCompletedExceptionally()) {
            return "the dump could not be generated: " + upload.generated().handle((totals, e) -> e).join();
        }
        if (importId != null && published == null) {
            try {
                importStatus = ImportStatus.of(JSON.readTree(get(stack.ingestUrl().resolve("/imports/" + importId))));
            } catch (IOException e) {
                // a busy service may be slow to answer once; one that never does stalls the run, which ends it
                out.println("  (ingest did not report on import " + importId + ": " + e.getMessage() + ")");
                return null;
            }
            if (importStatus.failed()) {
                return "ingest reports the import failed: " + importStatus.error();
            }
            if (importStatus.completed()) {
                // ingest's own end time (same machine, same clock) rather than this poll's
                published = importStatus.finishedAt() == null ? elapsed()
                        : Duration.between(startedAt, importStatus.finishedAt());
                if (importStatus.rejected() > 0 || importStatus.published() != total) {
                    return "ingest published " + importStatus.published() + " of " + total
                            + " revisions, rejected " + importStatus.rejected();
                }
            }
        }
        try {
            counts = offsets.read();
        } catch (IllegalStateException e) {
            out.println("  (offsets not readable this time: " + e.getMessage() + ")");
            return null;
        }
        if (counts.deadLetters() > before.deadLetters()) {
            return (counts.deadLetters() - before.deadLetters()) + " submission(s) dead-lettered by the archive";
        }
        if (archived == null && counts.archived() - before.archived() >= total) {
            archived = elapsed();
        }
        // The read model is done when its API says so: its committed offsets lag what it holds by up to the
        // consumer's commit interval (seconds), which would skew the rate of a short run.
        if (archived != null) {
            try {
                verification = articles.check();
            } catch (IOException e) {
                out.println("  (verification interrupted: " + e.getMessage() + "; again next time)");
                return null;
            }
            if (verification.allComplete()) {
                inReadModel = elapsed();
            }
        }
        return null;
    }

    /** Takes ingest's answer to the upload; returns why it is not a 202, or null. */
    private String accepted() {
        HttpResponse<String> response;
        try {
            response = upload.response().join();
        } catch (CompletionException e) {
            return "the upload failed: " + e.getCause();
        }
        if (response.statusCode() != 202) {
            return "ingest answered the upload with " + response.statusCode() + ": " + response.body();
        }
        try {
            importStatus = ImportStatus.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            return "ingest's 202 is not the expected report: " + response.body();
        }
        importId = importStatus.importId();
        answered = upload.answeredAfter();
        out.printf("%s  ingest accepted the upload (%s): import %s, %,d revisions to publish%n", stamp(answered),
                Units.bytes(upload.bytesGenerated()), importId, importStatus.revisions());
        return null;
    }

    private void sample(StackProcesses processes, Duration now) {
        Map<String, ProcessMemory.Reading> memory = processes.readMemory();
        Sample sample = new Sample(now, upload.bytesGenerated(), upload.revisionsGenerated(), counts.submitted(),
                counts.archived(), counts.inReadModel(), memory, processes.readCpuSeconds());
        samples.add(sample);
        StringBuilder line = new StringBuilder(stamp(now)).append(String.format(Locale.ROOT,
                "  generated %,d (%s)  published %,d  archived %,d  read model %,d",
                sample.revisionsGenerated(), Units.bytes(sample.bytesGenerated()), sample.published(),
                sample.archived(), sample.inReadModel()));
        if (verification != null && !verification.allComplete()) {
            line.append(String.format(Locale.ROOT, "  verified %,d/%,d articles", verification.complete(),
                    verification.articles()));
        }
        line.append("  | RSS MiB");
        memory.forEach((name, reading) -> line.append(' ').append(Units.shortName(name)).append(' ')
                .append(reading.rssMib()));
        out.println(line);
    }

    /** Changes whenever anything moves; a run whose signature stays the same for long is stuck. */
    private String progressSignature() {
        return upload.bytesGenerated() + "/" + importId + "/" + (importStatus == null ? "" : importStatus.state())
                + "/" + counts + "/" + (verification == null ? "" : verification.complete());
    }

    private String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    private static String stamp(Duration elapsed) {
        return String.format(Locale.ROOT, "[%6.0f s]", elapsed.toMillis() / 1000.0);
    }
}
