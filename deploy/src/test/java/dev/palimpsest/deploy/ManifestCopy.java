package dev.palimpsest.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A copy of deploy/compose and deploy/kubernetes in a temporary directory, to break one thing in and see the checks
 * report it. Every edit must change the file: an edit that matches nothing would make its test pass vacuously.
 */
public final class ManifestCopy {

    private final Path root;

    private ManifestCopy(Path root) {
        this.root = root;
    }

    public static ManifestCopy of(Path temporaryDirectory) {
        copy(SourceTree.kubernetes(), temporaryDirectory.resolve("kubernetes"));
        copy(SourceTree.compose(), temporaryDirectory.resolve("compose"));
        return new ManifestCopy(temporaryDirectory);
    }

    /** Replaces the first occurrence of {@code from} in {@code file} (relative to deploy/) with {@code to}. */
    public ManifestCopy edit(String file, String from, String to) {
        Path path = root.resolve(file);
        try {
            String text = Files.readString(path);
            int at = text.indexOf(from);
            assertTrue(at >= 0, file + " does not contain " + from);
            Files.writeString(path, text.substring(0, at) + to + text.substring(at + from.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Path kubernetes() {
        return root.resolve("kubernetes");
    }

    public Path overlay(String name) {
        return root.resolve("kubernetes/overlays/" + name);
    }

    public Path composeFile() {
        return root.resolve("compose/docker-compose.yml");
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
