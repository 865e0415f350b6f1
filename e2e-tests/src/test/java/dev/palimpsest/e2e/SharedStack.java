package dev.palimpsest.e2e;

import dev.palimpsest.devstack.DataDirectories;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.devstack.launcher.PalimpsestStack.Progress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One whole stack for all end-to-end tests of this JVM: starting Kafka, PostgreSQL and three services takes half a
 * minute, and the tests use distinct article keys, so they share it. Stopped (and its data deleted) when the JVM
 * ends; its processes die with the JVM even on {@code kill -9} (the devstack's orphan guards).
 */
final class SharedStack {

    private static PalimpsestStack stack;

    private SharedStack() {
    }

    static synchronized PalimpsestStack get() {
        if (stack == null) {
            Path dataDirectory;
            try {
                dataDirectory = Files.createTempDirectory("palimpsest-e2e-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // the archive trims the submitted topic every two seconds, not every minute: an erasure's copy there is
            // gone within seconds of its segment closing (ErasureLeavesNoCopyTest)
            stack = PalimpsestStack.start(PalimpsestStack.Options.defaults(home())
                            .withDataDirectory(dataDirectory).withFreePorts().withKafkaHeap("384m"),
                    Progress.SILENT, Map.of("PALIMPSEST_ARCHIVE_SUBMITTED_TRIM_EVERY", "2s"));
            PalimpsestStack started = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                DataDirectories.deleteQuietly(dataDirectory);
            }, "e2e-stack-shutdown"));
        }
        return stack;
    }

    /** The repository root: where the services' jars and the sample data are. */
    static Path home() {
        return Path.of(System.getProperty("palimpsest.home", "..")).toAbsolutePath().normalize();
    }
}
