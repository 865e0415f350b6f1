package dev.palimpsest.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a stack's data directory takes on disk, by part: PostgreSQL's cluster (archive and read model, with its
 * write-ahead log), Kafka's log directory (the topics), the service logs. Measured once the stack has stopped.
 *
 * <p>Blocks allocated ({@code du}), not file lengths: Kafka pre-allocates its index files sparsely, 10 MiB each,
 * so lengths would count megabytes that were never written.
 */
record DiskUsage(long postgresBytes, long kafkaBytes, long logBytes, long totalBytes) {

    static DiskUsage of(Path dataDirectory) {
        return new DiskUsage(bytes(dataDirectory.resolve("postgres")), bytes(dataDirectory.resolve("kafka")),
                bytes(dataDirectory.resolve("logs")), bytes(dataDirectory));
    }

    /** The bytes allocated under {@code directory}; 0 when it does not exist. */
    static long bytes(Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try {
            Process du = new ProcessBuilder("du", "-s", "--block-size=1", directory.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (du.waitFor(60, TimeUnit.SECONDS) && du.exitValue() == 0) {
                return Long.parseLong(output.split("\\s+")[0]);
            }
        } catch (IOException | NumberFormatException e) {
            // no GNU du here: lengths are the next best thing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return lengths(directory);
    }

    private static long lengths(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.mapToLong(DiskUsage::length).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + directory, e);
        }
    }

    private static long length(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.isRegularFile() ? attributes.size() : 0;
        } catch (IOException vanished) {
            return 0;
        }
    }
}
