package dev.palimpsest.devstack.local;

import dev.palimpsest.devstack.OrphanGuard;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server from the zonky embedded binaries (extracted from a jar on Maven Central). The data
 * directory is initialised on first start and reused after.
 */
public final class LocalPostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres postgres;

    public LocalPostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    public void start() {
        try {
            Files.createDirectories(dataDirectory.getParent());
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    // zonky's defaults trade durability for speed (synchronous_commit=off): a commit could vanish
                    // in a crash after the archive committed its Kafka offset, losing a revision. Not here.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // WAL files past a checkpoint are deleted, not renamed for reuse with their old bytes inside:
                    // a destroyed text key leaves the disk with them (ADR 0042)
                    .setServerConfig("wal_recycle", "off")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(
                            dataDirectory.resolveSibling("postgres.out").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(
                            dataDirectory.resolveSibling("postgres.out").toFile()))
                    .start();
            long pid = postmasterPid();
            OrphanGuard.guard(pid, "postgres", "INT"); // SIGINT: PostgreSQL's fast shutdown
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDirectory, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private long postmasterPid() throws IOException {
        // pg_ctl daemonises the server, so its pid is only known from the first line of postmaster.pid
        return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
    }

    /**
     * Stops the server (fast shutdown: open connections are ended) and returns once it has; {@link #start()}
     * starts it again on the same port and data directory, as after a database restart. Idempotent.
     */
    public void stop() {
        close();
    }

    public boolean isRunning() {
        return postgres != null;
    }

    @Override
    public void close() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stop PostgreSQL", e);
            } finally {
                postgres = null;
            }
        }
    }
}
