package dev.palimpsest.devstack.launcher;

import dev.palimpsest.devstack.DevStack;
import dev.palimpsest.devstack.access.DevstackIssuer;
import dev.palimpsest.events.Roles;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code ./palimpsest up}: the whole stack on this machine with one command, the sample article loaded, running
 * until Ctrl-C. Needs nothing but a JDK: Kafka and PostgreSQL run as local processes (or containers where Docker
 * answers), the services as child JVMs; a restart with the same data directory finds its data again.
 */
public final class PalimpsestLauncher {

    static final int EXIT_USAGE = 2;
    static final int EXIT_FAILED = 1;

    /** The usage text; {@link #usage()} puts the CLI's commands, read from the CLI's own definitions, in its place. */
    static final String USAGE = """
            Usage: ./palimpsest <command> [--data-dir DIR] [--home DIR] [--brokers 1|3] [--partitions N]
                                         [--archive-instances N] [--query-instances N] [--ingest-instances N]

            Commands:
              up     start Kafka, PostgreSQL and the three services, load the sample article, print the URLs,
                     and run until Ctrl-C (which stops everything)
              token [--role writer|admin] [--subject NAME] [--ttl 12h]
                     print a bearer token (a JWT) that the stack of this data directory accepts: writer for
                     submit and import, admin for those and the admin operations (default: writer, your user
                     name, 12 h); e.g. export PALIMPSEST_TOKEN=$(./palimpsest token)
              help   show this text

            Commands for a running archive (./palimpsest <command> --help for theirs):
            {commands of the CLI}
              (the commands that write send the token of PALIMPSEST_TOKEN, else of ~/.config/palimpsest/token)

            Commands that start a stack of their own:
              bench import|diff|compare [OPTIONS]
                     measure Palimpsest on this machine: import a synthetic MediaWiki history of any
                     size through a stack of its own (throughput, memory, disk), run JMH
                     microbenchmarks of the diff, or compare a stack with git, a raw Kafka producer
                     and raw JDBC in one run, a table of ratios (./palimpsest bench --help)
              faults [REVISIONS]
                     the long fault runs, each scenario on a stack of its own (kill -9 of archive and
                     of query, a PostgreSQL restart, a broker of three lost, instances of scaled-out
                     services killed), 20,000 revisions unless a count is given; every revision is
                     checked to be archived exactly once

            Options:
              --data-dir DIR  where Kafka, PostgreSQL and the service logs keep their data; the next start with
                              the same directory finds it again (default: <home>/.palimpsest-data)
              --home DIR      the Palimpsest repository (default: the current directory; ./palimpsest passes it)
              --brokers 1|3   Kafka brokers (default 1); 3 is a KRaft cluster (replication factor 3,
                              min.insync.replicas 2) that keeps every write when one broker dies, run as
                              local processes with a smaller heap each; a data directory keeps its count
              --partitions N  partitions of the submitted and archived topics (default 3, at most 64): how
                              many archive or query instances can consume at once; articles are spread over
                              them by key. Set when a data directory is first used; it keeps its count
              --archive-instances N, --query-instances N
                              run N archive-service or query-service processes (default 1, at most 8), each on
                              a port of its own (instance 1 on the usual one), sharing their service's
                              consumer group and database; instances beyond the partitions stay idle
              --ingest-instances N
                              run N ingest-service processes (default 1, at most 8), each on a port of its
                              own; any of them answers for every import (palimpsest.imports)

            Environment:
              PALIMPSEST_DEVSTACK_MODE=auto|local|containers
                              how Kafka and PostgreSQL run (default auto: containers where a Docker engine
                              answers, local processes otherwise)
            """;

    /** Every command {@code ./palimpsest} runs, the CLI's included, each with what it does. */
    static String usage() {
        return USAGE.replace("{commands of the CLI}\n", CliCommands.listing());
    }

    /** Who the seed's submission names as its writer, in ingest's log. */
    static final String SEED_SUBJECT = "palimpsest-seed";
    /** How long the sample article may take through ingest, Kafka, the archive and the read model. */
    private static final Duration SEED_TIMEOUT = Duration.ofSeconds(60);
    /** A service ending within this time after Ctrl-C got the signal itself; it did not crash. */
    private static final Duration SIGNAL_GRACE = Duration.ofSeconds(2);

    private final PrintStream out;
    private final PrintStream err;
    private volatile boolean stopping;

    PalimpsestLauncher(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        quietLibraries();
        int exitCode = new PalimpsestLauncher(System.out, System.err).run(List.of(args));
        if (exitCode != 0) {
            System.exit(exitCode);
        }
        // 0 only after up's shutdown hook has stopped the stack: the JVM is already on its way out
    }

    /** Returns the exit code; for {@code up}, only once the stack has stopped or failed. */
    int run(List<String> args) {
        LauncherArguments arguments;
        try {
            arguments = LauncherArguments.parse(args, Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            err.println("palimpsest: " + e.getMessage());
            err.println();
            err.print(usage());
            return EXIT_USAGE;
        }
        return switch (arguments.command()) {
            case HELP -> {
                out.print(usage());
                yield 0; // asked for: not an error (an unknown command is, above)
            }
            case UP -> up(arguments);
            case TOKEN -> token(arguments);
        };
    }

    /** Prints the token alone on stdout, for {@code $(./palimpsest token)}; the key pair is made if there is none. */
    private int token(LauncherArguments arguments) {
        LauncherArguments.TokenRequest request = arguments.token();
        try {
            out.println(DevstackIssuer.in(arguments.dataDirectory())
                    .mint(request.subject(), Set.of(request.role()), request.ttl()));
            return 0;
        } catch (RuntimeException e) {
            err.println("palimpsest: could not mint a token: " + describe(e));
            return EXIT_FAILED;
        }
    }

    private int up(LauncherArguments arguments) {
        long begin = System.nanoTime();
        PalimpsestStack.Options single = PalimpsestStack.Options.defaults(arguments.home())
                .withDataDirectory(arguments.dataDirectory());
        // three brokers share the cores and the memory with PostgreSQL and the services: a smaller heap each
        PalimpsestStack.Options options = (arguments.brokers() == 1 ? single
                : single.withBrokers(arguments.brokers()).withKafkaHeap(DevStack.Options.CLUSTER_KAFKA_HEAP))
                .withScale(arguments.scale());
        SeedArticle seed;
        PalimpsestStack stack;
        try {
            seed = SeedArticle.read(options.home());
            stack = PalimpsestStack.start(options, new ConsoleProgress());
        } catch (RuntimeException e) {
            err.println("palimpsest: could not start: " + describe(e));
            return EXIT_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            long stopBegin = System.nanoTime();
            out.println();
            out.println("Stopping Palimpsest...");
            stack.close();
            out.println("Stopped in " + seconds(since(stopBegin)) + ". Data kept in " + options.dataDirectory());
            stopped.countDown();
        }, "palimpsest-launcher-shutdown"));
        watchForCrashes(stack);

        loadSeed(seed, stack);
        printWelcome(stack, since(begin));
        try {
            stopped.await(); // until Ctrl-C or a crashed service ends the JVM
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private void loadSeed(SeedArticle seed, PalimpsestStack stack) {
        out.println("Loading the sample article " + seed.key() + " (" + seed.bytes().length + " bytes)...");
        try {
            String token = stack.devStack().issuer().mint(SEED_SUBJECT, Set.of(Roles.WRITER), SEED_TIMEOUT.plusMinutes(1));
            SeedArticle.Loaded loaded = seed.loadInto(stack.ingestUrl(), stack.queryUrl(), token, SEED_TIMEOUT);
            String how = loaded.submitted() ? "submitted" : "already archived";
            if (loaded.intact()) {
                out.println("  " + how + "; served back byte for byte (sha1 " + loaded.servedSha1() + ") in "
                        + seconds(loaded.took()));
            } else {
                out.println("  WARNING: " + how + ", but query-service serves as of now different bytes (sha1 "
                        + loaded.servedSha1() + ") than " + SeedArticle.FILE + " (sha1 " + seed.sha1() + ")");
            }
        } catch (RuntimeException e) {
            // the stack itself is up and usable; the sample is a convenience
            out.println("  WARNING: the sample article was not loaded: " + describe(e));
        }
    }

    private void printWelcome(PalimpsestStack stack, Duration took) {
        URI query = stack.queryUrl();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        out.println();
        out.println("Palimpsest is up (started in " + seconds(took) + ").");
        out.println("  web UI       " + query + "/");
        printUrls("query API    ", stack.queries());
        out.println("  Swagger UI   " + query + "/q/swagger-ui");
        printUrls("ingest API   ", stack.ingests());
        printUrls("archive API  ", stack.archives());
        if (stack.archives().size() > 1 || stack.queries().size() > 1
                || stack.devStack().partitions() != PalimpsestStack.Scale.SINGLE.partitions()) {
            out.println("  partitions   " + stack.devStack().partitions() + " per topic, shared by the instances of"
                    + " each service (instances beyond them stay idle)");
        }
        if (stack.devStack().partitions() != stack.options().scale().partitions()) {
            out.println("               (not the " + stack.options().scale().partitions() + " asked for: the topics of"
                    + " this data directory were created with " + stack.devStack().partitions()
                    + "; a new --data-dir takes the new count)");
        }
        out.println("  data         " + stack.options().dataDirectory() + " (service logs in logs/)");
        out.println();
        out.println("What the sample article says now:");
        out.println("  curl -H 'Accept: text/plain' '" + query + "/articles/" + SeedArticle.KEY + "/as-of?t=" + now
                + "'");
        out.println();
        // the verifier key is public: what a reader trusts the archive's transparency log with (ADR 0040)
        out.println("Prove it with the archive's transparency log, trusting only the log's public key:");
        out.println("  ./palimpsest verify " + SeedArticle.KEY + " --key-file "
                + stack.devStack().logKey().verifierKeyFile());
        out.println();
        String dataOption = stack.options().dataDirectory().equals(
                stack.options().home().resolve(PalimpsestStack.Options.DEFAULT_DATA_DIRECTORY))
                ? "" : " --data-dir " + stack.options().dataDirectory();
        out.println("Reads are public; writes need a bearer token from this stack's key (" + DevstackIssuer.KEYS_DIRECTORY
                + "/ in the data directory):");
        out.println("  export PALIMPSEST_TOKEN=$(./palimpsest token" + dataOption + ")    # writer, 12 h");
        out.println("  ./palimpsest token --role admin" + dataOption + "                   # also the admin operations");
        out.println();
        out.println("Read the archive in a browser (articles, history, time slider, diffs):");
        out.println("  " + query + "/wiki/" + SeedArticle.KEY);
        out.println("  " + query + "/");
        out.println();
        out.println("Press Ctrl-C to stop.");
    }

    /** One URL a line; with several instances, each numbered (all of a service answer alike: one database). */
    private void printUrls(String label, List<ServiceProcess> instances) {
        for (int i = 0; i < instances.size(); i++) {
            String url = instances.get(i).url().toString();
            out.println("  " + (i == 0 ? label : " ".repeat(label.length()))
                    + (instances.size() == 1 ? url : String.format(Locale.ROOT, "%-24s instance %d of %d", url, i + 1,
                    instances.size())));
        }
    }

    /** A service that dies on its own takes the stack down with it: a half-running archive only misleads. */
    private void watchForCrashes(PalimpsestStack stack) {
        for (ServiceProcess service : stack.services()) {
            // on a thread of its own: the completing thread is the JVM's process reaper, not ours to hold up
            service.onExit().thenAcceptAsync(exitCode -> {
                sleep(SIGNAL_GRACE);
                if (stopping) {
                    return;
                }
                err.println();
                err.println("palimpsest: " + service.name() + " exited with code " + exitCode
                        + "; the end of " + service.logFile() + ":");
                err.println(service.logTail(30));
                System.exit(EXIT_FAILED); // the shutdown hook stops the rest
            }, task -> {
                Thread watcher = new Thread(task, "watch-" + service.name());
                watcher.setDaemon(true);
                watcher.start();
            });
        }
    }

    /** Progress lines while the stack starts. */
    private final class ConsoleProgress implements PalimpsestStack.Progress {

        @Override
        public void infrastructureStarting(Path dataDirectory) {
            out.println("Starting PostgreSQL and Kafka, data in " + dataDirectory + "...");
        }

        @Override
        public void infrastructureReady(String description, Duration took) {
            out.println("  ready in " + seconds(took) + ": " + description);
        }

        @Override
        public void servicesStarting(List<ServiceProcess> services) {
            out.println("Starting " + services.stream().map(ServiceProcess::name)
                    .collect(Collectors.joining(", ")) + "...");
        }

        @Override
        public void serviceReady(ServiceProcess service, Duration took) {
            out.println("  " + service.name() + " ready in " + seconds(took) + " at " + service.url());
        }
    }

    /** The message and its causes', on one line: what a user needs, without a stack trace. */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(" (").append(cause.getMessage()).append(')');
            }
        }
        return text.toString();
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    private static void sleep(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The console is for the progress lines above: Kafka's admin client warns on every refused connection while
     * the broker boots, and Testcontainers logs an error when it finds no Docker engine, which is the normal case
     * without Docker (in containers mode, DevStack's own exception still says what failed). A system property given
     * on the command line still wins.
     */
    private static void quietLibraries() {
        Map<String, String> levels = Map.of("org.apache.kafka", "error", "io.zonky", "error",
                "org.testcontainers", "off");
        levels.forEach((library, level) -> {
            String property = "org.slf4j.simpleLogger.log." + library;
            if (System.getProperty(property) == null) {
                System.setProperty(property, level);
            }
        });
    }
}
