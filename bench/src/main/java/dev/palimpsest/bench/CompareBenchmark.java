package dev.palimpsest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.devstack.DataDirectories;
import dev.palimpsest.devstack.Infrastructure;
import dev.palimpsest.devstack.InfrastructureMode;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.devstack.launcher.ServiceProcess;
import dev.palimpsest.events.Roles;
import dev.palimpsest.events.Topics;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./palimpsest bench compare}: Palimpsest beside the parts it is built on and the tool people would use
 * instead, in one run on one machine (issue M7, "How it is judged"): git on the same history, a raw Kafka producer on
 * the same broker, raw JDBC on the same PostgreSQL. It measures the stack only through its public surfaces (HTTP,
 * table sizes, topic directories), so it measures whatever the code of the day does, and writes a Markdown table of
 * ratios (figure | Palimpsest | anchor | ratio | target | met?) with the command, date and machine.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run a fresh stack beside its anchors (git fast-import and gc, a raw Kafka producer, raw JDBC)"
                + " and write a Markdown table of ratios with the targets of issue M7.")
public final class CompareBenchmark implements java.util.concurrent.Callable<Integer> {

    /** The figures, each selectable with --only. */
    enum Figure {
        STORAGE("storage"), IMPORT("import"), AS_OF("as-of"), DIFF("diff"), REPLAY("replay"), MEMORY("memory"),
        PAGES("pages");

        final String option;

        Figure(String option) {
            this.option = option;
        }

        static Figure of(String option) {
            for (Figure figure : values()) {
                if (figure.option.equalsIgnoreCase(option.strip())) {
                    return figure;
                }
            }
            throw new IllegalArgumentException("no figure " + option + "; one of storage, import, as-of, diff,"
                    + " replay, memory");
        }
    }

    static final String DEFAULT_DUMP = "data/wiki/enwiki_Anarchism_history_2001-2010.xml.lzma";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOKEN_LIFETIME = Duration.ofDays(2);

    @Option(names = "--only", split = ",", paramLabel = "FIGURE",
            description = "Only these figures: storage, import, as-of, diff, replay, memory, pages (default: all)")
    List<String> only = new ArrayList<>();

    @Option(names = "--dump", description = "The real history (default: the repository's " + DEFAULT_DUMP + ")")
    Path dump;

    @Option(names = "--database", defaultValue = "enwiki",
            description = "The dump's wiki database; its article keys are DATABASE:PAGEID (default: ${DEFAULT-VALUE})")
    String database;

    @Option(names = "--revisions", defaultValue = "20000",
            description = "Revisions of the synthetic import (default: ${DEFAULT-VALUE}; the issue's figure is"
                    + " 1000000)")
    int syntheticRevisions;

    @Option(names = "--pages", defaultValue = "100",
            description = "Pages the synthetic revisions are spread over (default: ${DEFAULT-VALUE})")
    int syntheticPages;

    @Option(names = "--text-bytes", defaultValue = "" + DumpShape.DEFAULT_TEXT_BYTES,
            description = "About how long each synthetic text is, in bytes (default: ${DEFAULT-VALUE})")
    int textBytes;

    @Option(names = "--clients", defaultValue = "4",
            description = "Concurrent clients of the as-of load, on each side (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--as-of-requests", defaultValue = "2000",
            description = "Measured as-of lookups on each side (default: ${DEFAULT-VALUE})")
    int asOfRequests;

    // 500 left query-service's JIT half done on two cores: 365 lookups a second measured, 693 after 4,000
    @Option(names = "--as-of-warm-up", defaultValue = "4000",
            description = "Unmeasured lookups first, on each side (default: ${DEFAULT-VALUE})")
    int asOfWarmUp;

    @Option(names = "--as-of-sql", defaultValue = AsOfLoad.DEFAULT_SQL,
            description = "The anchor's as-of query on the read model's database; parameters: article key, instant"
                    + " (default: ${DEFAULT-VALUE})")
    String asOfSql;

    @Option(names = "--diff-pairs", defaultValue = "10",
            description = "Pairs of each kind (adjacent, far apart) to diff (default: ${DEFAULT-VALUE})")
    int diffPairs;

    // measured after ten requests, query-service's diff was still being compiled: 13.6 ms adjacent, 2.6 ms warm
    @Option(names = "--diff-warm-up", defaultValue = "400",
            description = "Unmeasured diffs of other random pairs first, half adjacent (default: ${DEFAULT-VALUE})")
    int diffWarmUp;

    @Option(names = "--diff-repeats", defaultValue = "3",
            description = "Measured diffs of each pair on each side, after one unmeasured (default: ${DEFAULT-VALUE})")
    int diffRepeats;

    @Option(names = "--page-requests", defaultValue = "200",
            description = "pages: measured requests of each kind of page, each beside its API answer"
                    + " (default: ${DEFAULT-VALUE})")
    int pageRequests;

    @Option(names = "--page-warm-up", defaultValue = "200",
            description = "pages: unmeasured requests of each kind first (default: ${DEFAULT-VALUE})")
    int pageWarmUp;

    @Option(names = "--seed", defaultValue = "1", description = "Seeds the synthetic dump and the random pairs"
            + " (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--report", defaultValue = "bench-compare.md",
            description = "Write the Markdown report here too (default: ${DEFAULT-VALUE})")
    Path reportFile;

    @Option(names = "--work-dir", description = "Where the stack's data, the git repository and the spools go;"
            + " kept afterwards (default: a temporary directory, deleted afterwards)")
    Path workDirectory;

    @Option(names = "--home", defaultValue = "${sys:palimpsest.home:-.}",
            description = "The repository, where the services are built (default: ${DEFAULT-VALUE})")
    Path home;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    PrintStream out = System.out;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Comparison> rows = new ArrayList<>();
    private final List<String> details = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Set<Figure> figures = figures();
        Path dumpFile = dump != null ? dump : home.resolve(DEFAULT_DUMP);
        boolean temporary = workDirectory == null;
        Path work = temporary ? Files.createTempDirectory("palimpsest-compare-") : workDirectory;
        Files.createDirectories(work);
        Path data = work.resolve("stack");
        if (Files.exists(data)) {
            throw new CommandLine.ParameterException(spec.commandLine(), work + " holds a stack already; a"
                    + " comparison needs a fresh one");
        }
        MachineDescription machine = MachineDescription.of(work);
        Instant startedAt = Instant.now();
        out.println("Comparing " + figures + " in " + work);
        try {
            measure(figures, dumpFile, work, data);
        } catch (Exception e) {
            // what was measured until then is still worth its report
            out.println("The run stopped short: " + e);
            e.printStackTrace(out);
            row(Comparison.missing("the run", "", Target.NONE, "stopped short: " + e));
        } finally {
            if (temporary) {
                DataDirectories.deleteQuietly(work);
            }
        }
        String markdown = report(machine, startedAt, figures);
        out.println();
        out.println(markdown);
        Files.writeString(reportFile, markdown, StandardCharsets.UTF_8);
        out.println("Report written to " + reportFile.toAbsolutePath());
        return rows.stream().anyMatch(row -> row.palimpsest() == null) ? 1 : 0;
    }

    private Set<Figure> figures() {
        if (only.isEmpty()) {
            return EnumSet.allOf(Figure.class);
        }
        Set<Figure> chosen = EnumSet.noneOf(Figure.class);
        try {
            only.forEach(name -> chosen.add(Figure.of(name)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return chosen;
    }

    private void measure(Set<Figure> figures, Path dumpFile, Path work, Path data) throws Exception {
        boolean withHistory = figures.stream().anyMatch(f -> f != Figure.MEMORY);
        boolean withGit = figures.contains(Figure.STORAGE) || figures.contains(Figure.IMPORT)
                || figures.contains(Figure.DIFF);
        DumpFile history = null;
        GitAnchor git = null;
        Duration gitImport = null;
        if (withHistory) {
            Path stream = work.resolve("history.fast-import");
            out.println("Reading " + dumpFile + (withGit ? " into a git fast-import stream" : "") + "…");
            try (FastImportStream commits = new FastImportStream(withGit
                    ? new BufferedOutputStream(Files.newOutputStream(stream), 1 << 20) : OutputStream.nullOutputStream())) {
                history = DumpFile.read(dumpFile, database, revision -> {
                    try {
                        commits.write(revision);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            out.printf("  %,d revisions of %,d page(s), %s of text%n", history.totalRevisions(),
                    history.expectedRevisions().size(), Units.bytes(history.textBytes()));
            if (withGit) {
                git = GitAnchor.init(work.resolve("history.git"));
                gitImport = git.fastImport(stream);
                Files.delete(stream);
                out.println("  git fast-import: " + Units.duration(gitImport));
                details.add(GitAnchor.version() + "; `git fast-import` of " + Units.count(history.totalRevisions())
                        + " commits (one file, one commit per revision, in the dump's order) took "
                        + Units.duration(gitImport) + ".");
            }
            if (git != null && figures.contains(Figure.STORAGE)) {
                Duration gc = git.gcAggressive();
                out.println("  git gc --aggressive: " + Units.duration(gc) + ", pack " + Units.bytes(git.packBytes()));
                details.add("`git gc --aggressive` took " + Units.duration(gc) + ": pack "
                        + Units.count(git.packBytes()) + " B, its index " + Units.count(git.packIndexBytes()) + " B.");
            }
        }

        Map<String, Duration> ready = new ConcurrentHashMap<>();
        long stackBegin = System.nanoTime();
        PalimpsestStack stack = PalimpsestStack.start(PalimpsestStack.Options.defaults(home).withDataDirectory(data)
                .withFreePorts().withMode(InfrastructureMode.LOCAL), new PalimpsestStack.Progress() {
            @Override
            public void infrastructureReady(String description, Duration took) {
                out.println("  " + description + " ready in " + Units.duration(took));
            }

            @Override
            public void serviceReady(ServiceProcess service, Duration took) {
                ready.put(service.name(), took);
                out.println("  " + service.name() + " ready in " + Units.duration(took));
            }
        });
        out.println("Stack up in " + Units.duration(Duration.ofNanos(System.nanoTime() - stackBegin)));
        MemoryPeaks peaks = new MemoryPeaks(StackProcesses.of(stack));
        try {
            String admin = stack.devStack().issuer().mint("bench", Set.of(Roles.ADMIN), TOKEN_LIFETIME);
            List<String> articles = new ArrayList<>();
            if (history != null) {
                RunOutcome run = new ImportRun(stack, history, false, Duration.ofSeconds(10), Duration.ofMinutes(10),
                        out).run();
                articles.addAll(history.expectedRevisions().keySet());
                if (figures.contains(Figure.IMPORT)) {
                    importRow(run, gitImport, history);
                }
                if (!run.complete()) {
                    out.println("The history's import did not complete: " + run.failure());
                    return;
                }
            }
            DumpFile imported = history;
            GitAnchor repository = git;
            if (figures.contains(Figure.STORAGE)) {
                attempt("storage", () -> storage(stack, data, imported, repository));
            }
            if (figures.contains(Figure.DIFF)) {
                attempt("word diff", () -> diff(stack, imported, repository));
            }
            if (figures.contains(Figure.IMPORT)) {
                attempt("synthetic import", () -> articles.addAll(synthetic(stack, work)));
            }
            if (figures.contains(Figure.AS_OF)) {
                attempt("as-of", () -> asOf(stack, articles));
            }
            if (figures.contains(Figure.PAGES)) {
                attempt("web UI pages", () -> pages(stack, imported));
            }
            if (figures.contains(Figure.REPLAY)) {
                attempt("read-model rebuild", () -> replay(stack, admin));
            }
        } finally {
            peaks.stop();
            out.println("Stopping the stack…");
            stack.close();
        }
        if (figures.contains(Figure.MEMORY)) {
            for (String service : List.of(PalimpsestStack.INGEST, PalimpsestStack.ARCHIVE, PalimpsestStack.QUERY)) {
                row(Comparison.of("peak RSS, " + service, peaks.peakMib(service), null, "MiB", "",
                        Target.atMost(256, "MiB")));
            }
            for (String service : List.of(PalimpsestStack.INGEST, PalimpsestStack.ARCHIVE, PalimpsestStack.QUERY)) {
                Duration took = ready.get(service);
                row(Comparison.of("start to ready, " + service, took == null ? null : took.toMillis() / 1000.0,
                        null, "s", "", Target.atMost(1.5, "s")));
            }
            details.add("Memory: the peak of VmRSS over the whole run (sampled every 2 s), per service JVM; Kafka "
                    + peaks.describe(StackProcesses.KAFKA) + ", PostgreSQL (all its processes, RSS summed) "
                    + peaks.describe(StackProcesses.POSTGRES) + ". Start to ready: as the stack's start reports it per service (the three start"
                    + " together, after Kafka and PostgreSQL).");
        }
    }

    /** Adds a row to the table, and prints it at once: a run stopped later still leaves its figures in the log. */
    private void row(Comparison comparison) {
        rows.add(comparison);
        out.println("  = " + comparison.figure() + ": " + comparison.palimpsestText() + " | " + comparison.anchorText()
                + " | " + comparison.ratioText() + " | target " + comparison.target().describe() + " | met: "
                + comparison.metText() + (comparison.note().isEmpty() ? "" : " (" + comparison.note() + ")"));
    }

    /** A step of the run; one that fails leaves its row saying why, and the others still run. */
    private interface Step {
        void run() throws Exception;
    }

    private void attempt(String figure, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            out.println("  " + figure + " could not be measured: " + e);
            e.printStackTrace(out);
            row(Comparison.missing(figure, "", Target.NONE, figure + " failed: " + e));
        }
    }

    private void importRow(RunOutcome run, Duration gitImport, DumpFile history) {
        Double seconds = run.inReadModel() == null ? null : run.inReadModel().toMillis() / 1000.0;
        row(Comparison.of("import of " + history.file().getFileName() + " until every revision is queryable", seconds,
                gitImport == null ? null : gitImport.toMillis() / 1000.0, "s", "git fast-import",
                Target.ratioAtMost(6)));
        details.add("Import of the history (" + Units.count(history.totalRevisions()) + " revisions): ingest answered the upload after " + Units.duration(run.answered())
                + ", was done publishing after " + Units.duration(run.published()) + ", the archive after "
                + Units.duration(run.archived()) + ", every revision queryable (archive and read model, checked"
                + " over HTTP) after " + Units.duration(run.inReadModel()) + ".");
    }

    private void storage(PalimpsestStack stack, Path data, DumpFile history, GitAnchor git) throws Exception {
        Infrastructure infrastructure = stack.devStack().infrastructure();
        String user = infrastructure.databaseUser();
        String password = infrastructure.databasePassword();
        long archive = StorageSizes.databaseBytes(stack.devStack().jdbcUrl("archive"), user, password);
        long query = StorageSizes.databaseBytes(stack.devStack().jdbcUrl("query"), user, password);
        long submitted = StorageSizes.topicBytes(data, Topics.REVISIONS_SUBMITTED);
        long archived = StorageSizes.topicBytes(data, Topics.REVISIONS_ARCHIVED);
        double revisions = history.totalRevisions();
        Double pack = git == null ? null : git.packBytes() / revisions;
        double text = history.textBytes() / revisions;
        row(Comparison.of("archive database, bytes a revision", archive / revisions, pack, "B",
                "git gc --aggressive pack", Target.ratioAtMost(1.0)));
        row(Comparison.of("read-model database, bytes a revision", query / revisions, text, "B",
                "the raw text", Target.NONE));
        row(Comparison.of("submitted topic on disk, bytes a revision", submitted / revisions, text, "B",
                "the raw text", Target.NONE));
        row(Comparison.of("archived topic on disk, bytes a revision", archived / revisions, text, "B",
                "the raw text", Target.NONE));
        row(Comparison.of("everything together (both databases without WAL, both topics)",
                (archive + query + submitted + archived) / revisions, pack, "B", "git gc --aggressive pack",
                Target.atMost(4096, "B")));
        details.add("Storage after the import of " + Units.count(history.totalRevisions()) + " revisions ("
                + Units.bytes(history.textBytes()) + " of text): archive database " + Units.count(archive)
                + " B, read model " + Units.count(query) + " B (tables with TOAST and indexes,"
                + " `pg_total_relation_size` summed over every table outside PostgreSQL's own schemas), submitted"
                + " topic " + Units.count(submitted) + " B, archived topic " + Units.count(archived)
                + " B (blocks allocated under each partition directory, no retention reached).");
    }

    private void diff(PalimpsestStack stack, DumpFile history, GitAnchor git) throws Exception {
        String key = history.expectedRevisions().keySet().iterator().next();
        long total = history.expectedRevisions().get(key);
        String path = FastImportStream.fileOf(Long.parseLong(key.substring(key.indexOf(':') + 1)));
        // one random stream for both kinds, drawn in turn, as in the runs before the warm-up: the same pairs
        SplittableRandom random = new SplittableRandom(seed);
        List<long[]> adjacent = new ArrayList<>();
        List<long[]> far = new ArrayList<>();
        for (int i = 0; i < diffPairs; i++) {
            adjacent.add(diffPair(random, total, false));
            far.add(diffPair(random, total, true));
        }
        Map<String, List<long[]>> kinds = new LinkedHashMap<>();
        kinds.put("adjacent", adjacent);
        kinds.put("far apart (" + Units.count(total / 2) + " revisions)", far);
        try (MeasuredHttp client = new MeasuredHttp(1, Duration.ofSeconds(120))) {
            SplittableRandom warming = new SplittableRandom(seed ^ 0x5DEECE66DL);
            for (int i = 0; i < diffWarmUp; i++) {
                client.get(diffUri(stack, key, diffPair(warming, total, i % 2 == 1)), "application/json");
            }
            for (var kind : kinds.entrySet()) {
                List<Long> service = new ArrayList<>();
                List<Long> anchor = new ArrayList<>();
                for (long[] pair : kind.getValue()) {
                    URI uri = diffUri(stack, key, pair);
                    String fromBlob = git.blob(pair[0], path);
                    String toBlob = git.blob(pair[1], path);
                    for (int r = 0; r <= diffRepeats; r++) {
                        long begin = System.nanoTime();
                        client.get(uri, "application/json");
                        long took = System.nanoTime() - begin;
                        long gitTook = git.wordDiff(fromBlob, toBlob).toNanos();
                        if (r > 0) { // the first of each is the warm-up
                            service.add(took);
                            anchor.add(gitTook);
                        }
                    }
                }
                Latencies ours = new Latencies(service.stream().mapToLong(Long::longValue).toArray());
                Latencies theirs = new Latencies(anchor.stream().mapToLong(Long::longValue).toArray());
                row(Comparison.of("word diff, " + kind.getKey() + ", p50", ours.percentileMillis(50),
                        theirs.percentileMillis(50), "ms", "git diff --word-diff", Target.ratioAtMost(1.0)));
                out.printf("  diff %s: p50 %.1f ms, git %.1f ms%n", kind.getKey(), ours.percentileMillis(50),
                        theirs.percentileMillis(50));
            }
        }
        details.add("Diffs: " + diffPairs + " random pairs of each kind of the article's revisions, each diffed "
                + (diffRepeats + 1) + " times on each side, the first unmeasured, after " + diffWarmUp
                + " unmeasured diffs of other random pairs (the service's code compiled, as in a running service):"
                + " `GET /articles/{key}/diff?from=a&to=b&granularity=word&format=json` (one client, the whole"
                + " answer read) beside `git diff --word-diff` between the two revisions' blobs (the process, start"
                + " to exit, output read).");
    }

    /** A random pair of revisions of an article of {@code total}: adjacent, or half the history apart. */
    private static long[] diffPair(SplittableRandom random, long total, boolean farApart) {
        if (farApart) {
            long start = 1 + random.nextLong(Math.max(1, total / 2));
            return new long[]{start, Math.min(total, start + total / 2)};
        }
        long from = 1 + random.nextLong(total - 1);
        return new long[]{from, from + 1};
    }

    private static URI diffUri(PalimpsestStack stack, String key, long[] pair) {
        return stack.queryUrl().resolve("/articles/" + encode(key) + "/diff?from=" + pair[0] + "&to=" + pair[1]
                + "&granularity=word&format=json");
    }

    /** The synthetic import and its raw-producer anchor; returns the synthetic articles' keys. */
    private List<String> synthetic(PalimpsestStack stack, Path work) throws Exception {
        DumpShape shape = new DumpShape(syntheticPages, Math.max(1, syntheticRevisions / syntheticPages), seed,
                DumpShape.DEFAULT_DATABASE, textBytes);
        SyntheticDump dump = new SyntheticDump(shape);
        try (RawProducerAnchor raw = new RawProducerAnchor(stack.devStack().kafkaBootstrapServers())) {
            Map<TopicPartition, Long> before = raw.endOffsets(Topics.REVISIONS_SUBMITTED);
            out.printf("Synthetic import: %,d pages × %,d revisions%n", shape.pages(), shape.revisionsPerPage());
            RunOutcome run = new ImportRun(stack, dump, false, Duration.ofSeconds(10), Duration.ofMinutes(10), out)
                    .run();
            if (!run.complete()) {
                row(Comparison.missing("synthetic import, MB of text a second", "raw Kafka producer",
                        Target.ratioAtLeast(0.5), "the synthetic import did not complete: " + run.failure()));
                return List.of();
            }
            Map<TopicPartition, Long> after = raw.endOffsets(Topics.REVISIONS_SUBMITTED);
            RawProducerAnchor.Spool spool = raw.spool(before, after, work.resolve("submitted.spool"));
            Duration produced = raw.produce(spool);
            Files.delete(spool.file());
            double megabytes = run.generated().textBytes() / 1e6;
            double ours = megabytes / (run.inReadModel().toMillis() / 1000.0);
            double theirs = megabytes / (produced.toMillis() / 1000.0);
            row(Comparison.of("synthetic import of " + Units.count(shape.totalRevisions())
                            + " revisions until queryable, MB of text a second", ours, theirs, "MB/s",
                    "raw Kafka producer, acks=all, idempotent", Target.ratioAtLeast(0.5)));
            details.add("Synthetic import: " + Units.count(shape.totalRevisions()) + " revisions ("
                    + Units.bytes(run.generated().textBytes()) + " of text) queryable after "
                    + Units.duration(run.inReadModel()) + " (ingest done publishing after "
                    + Units.duration(run.published()) + "); the raw producer sent the same "
                    + Units.count(spool.records()) + " records (" + Units.bytes(spool.bytes()) + ", copied from the"
                    + " submitted topic) to a topic of " + spool.partitions() + " partitions on the same broker in "
                    + Units.duration(produced) + ".");
            return List.copyOf(dump.expectedRevisions().keySet());
        }
    }

    private void asOf(PalimpsestStack stack, List<String> articles) throws Exception {
        List<AsOfLoad.Span> spans = new ArrayList<>();
        for (String key : articles) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(stack.queryUrl().resolve("/articles/"
                    + encode(key))).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode summary = JSON.readTree(answer.body());
            spans.add(new AsOfLoad.Span(key, Instant.parse(summary.path("firstRevTimestamp").asText()),
                    Instant.parse(summary.path("lastRevTimestamp").asText())));
        }
        AsOfLoad load = new AsOfLoad(spans, clients, asOfWarmUp, asOfRequests, seed);
        Infrastructure infrastructure = stack.devStack().infrastructure();
        Duration settled = AsOfLoad.settle(stack.devStack().jdbcUrl("query"), infrastructure.databaseUser(),
                infrastructure.databasePassword());
        out.printf("  as-of: the read model's database vacuumed, analysed and checkpointed in %s%n",
                Units.duration(settled));
        AsOfLoad.Result overHttp = load.overHttp(stack.queryUrl());
        AsOfLoad.Result overJdbc = load.overJdbc(stack.devStack().jdbcUrl("query"), infrastructure.databaseUser(),
                infrastructure.databasePassword(), asOfSql);
        row(Comparison.of("as-of, " + clients + " clients, lookups a second", overHttp.perSecond(),
                overJdbc.perSecond(), "/s", "raw JDBC", Target.ratioAtLeast(0.5)));
        row(Comparison.of("as-of p50", overHttp.latencies().percentileMillis(50),
                overJdbc.latencies().percentileMillis(50), "ms", "raw JDBC", Target.NONE));
        row(Comparison.of("as-of p99", overHttp.latencies().percentileMillis(99),
                overJdbc.latencies().percentileMillis(99), "ms", "raw JDBC", Target.atMost(2, "ms")));
        out.printf("  as-of: HTTP %.0f/s p99 %.1f ms; JDBC %.0f/s p99 %.1f ms%n", overHttp.perSecond(),
                overHttp.latencies().percentileMillis(99), overJdbc.perSecond(),
                overJdbc.latencies().percentileMillis(99));
        details.add("As-of: after `VACUUM (ANALYZE)` and `CHECKPOINT` on the read model's database ("
                + Units.duration(settled) + "), " + Units.count(asOfRequests) + " measured lookups on each side after "
                + Units.count(asOfWarmUp) + " unmeasured, " + clients + " clients, the same random (article, time)"
                + " pairs over " + articles.size() + " articles: `GET /articles/{key}/as-of?t=…` with `Accept:"
                + " text/plain` beside raw JDBC on the read model's database, one prepared statement a client: `"
                + asOfSql + "`.");
    }

    /** The reader's pages beside the API answers they render (ADR 0043): each page's p50 at most 50 ms. */
    private void pages(PalimpsestStack stack, DumpFile history) throws Exception {
        String key = history.expectedRevisions().keySet().iterator().next();
        PageLoad load = new PageLoad(stack.queryUrl(), key, pageWarmUp, pageRequests, seed);
        try (MeasuredHttp client = new MeasuredHttp(1, Duration.ofSeconds(60))) {
            PageLoad.Run run = load.run(client);
            StringBuilder sizes = new StringBuilder();
            for (PageLoad.Result result : run.results()) {
                row(Comparison.of("page: " + result.page() + ", p50", result.pageTimes().percentileMillis(50),
                        result.anchorTimes().percentileMillis(50), "ms", "API: " + result.anchor(),
                        Target.atMost(50, "ms")));
                out.printf("  page %s: p50 %.1f ms p99 %.1f ms (%s); API %s: p50 %.1f ms p99 %.1f ms (%s)%n",
                        result.page(), result.pageTimes().percentileMillis(50),
                        result.pageTimes().percentileMillis(99), Units.bytes(result.pageBytes()), result.anchor(),
                        result.anchorTimes().percentileMillis(50), result.anchorTimes().percentileMillis(99),
                        Units.bytes(result.anchorBytes()));
                sizes.append(String.format(java.util.Locale.ROOT, "; %s p99 %.1f ms (API %.1f ms), %s B a page",
                        result.page(), result.pageTimes().percentileMillis(99),
                        result.anchorTimes().percentileMillis(99), Units.count(result.pageBytes())));
            }
            details.add("Pages: " + Units.count(pageRequests) + " measured requests of each kind after "
                    + Units.count(pageWarmUp) + " unmeasured, one client, each page followed by the API answer it"
                    + " renders (the anchor), revisions drawn from the latest " + PageLoad.POOL + " with a text ("
                    + Units.count(run.meanRevisionBytes()) + " B on average), times taken at the client on this machine"
                    + sizes + ".");
        }
    }

    /** Rebuilds run one after the other: the first meets code only a rebuild runs still cold in the JIT. */
    private static final int REBUILDS = 3;

    private void replay(PalimpsestStack stack, String admin) throws Exception {
        List<ReadModelReplay.Result> results = new ArrayList<>();
        for (int run = 0; run < REBUILDS; run++) {
            ReadModelReplay.Result result = ReadModelReplay.run(http, stack.queryUrl(), admin, Duration.ofHours(2));
            if (result.failure() != null) {
                row(Comparison.missing("read-model rebuild from offset zero, records a second", "",
                        Target.atLeast(20_000, "/s"), "rebuild " + (run + 1) + ": " + result.failure()));
                return;
            }
            results.add(result);
        }
        ReadModelReplay.Result first = results.get(0);
        ReadModelReplay.Result last = results.get(REBUILDS - 1);
        row(Comparison.of("read-model rebuild from offset zero, records a second (first rebuild)",
                first.perSecond(), null, "/s", "", Target.atLeast(20_000, "/s")));
        row(Comparison.of("read-model rebuild from offset zero, records a second (rebuild " + REBUILDS + " of "
                + REBUILDS + " in a row)", last.perSecond(), null, "/s", "", Target.atLeast(20_000, "/s")));
        details.add("Replay: `POST /admin/read-model/rebuild`, " + REBUILDS + " times in a row, each replaying "
                + Units.count(first.replayed()) + " records of the archived topic; start to switch (the service's"
                + " own timestamps) " + String.join(", ", results.stream().map(r -> Units.duration(r.took()))
                .toList()) + " (" + String.join(", ", results.stream().map(r -> Units.duration(r.wall())).toList())
                + " as this driver saw them).");
    }

    private String report(MachineDescription machine, Instant startedAt, Set<Figure> figures) {
        StringBuilder md = new StringBuilder();
        md.append("## Palimpsest beside its anchors — ").append(startedAt.atOffset(ZoneOffset.UTC).toLocalDate())
                .append("\n\n");
        md.append("Command: `").append(Bench.commandLine(spec)).append("` (figures: ")
                .append(String.join(", ", figures.stream().map(f -> f.option).toList())).append(")\n\n");
        md.append(machine.sentence(MachineDescription.currentLoadAverage())).append("\n\n");
        md.append(ComparisonTable.markdown(rows)).append('\n');
        details.forEach(line -> md.append("- ").append(line).append('\n'));
        return md.toString();
    }

    private static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The highest RSS of each process group over the run, sampled every 2 s. */
    private static final class MemoryPeaks {
        private final Map<String, Long> peakKib = new ConcurrentHashMap<>();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "memory-peaks");
            thread.setDaemon(true);
            return thread;
        });

        MemoryPeaks(StackProcesses processes) {
            sampler.scheduleAtFixedRate(() -> processes.readMemory().forEach((name, reading) ->
                    peakKib.merge(name, reading.rssKib(), Math::max)), 0, 2, TimeUnit.SECONDS);
        }

        void stop() {
            sampler.shutdownNow();
        }

        Double peakMib(String group) {
            Long kib = peakKib.get(group);
            return kib == null ? null : kib / 1024.0;
        }

        String describe(String group) {
            Double mib = peakMib(group);
            return mib == null ? "not read" : Comparison.number(mib) + " MiB";
        }
    }
}
