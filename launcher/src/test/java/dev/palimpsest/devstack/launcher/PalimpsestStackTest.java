package dev.palimpsest.devstack.launcher;

import dev.palimpsest.devstack.DataDirectories;
import dev.palimpsest.devstack.InfrastructureMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the stack decides before it starts anything; the running stack is the end-to-end tests' subject. */
class PalimpsestStackTest {

    private Path home;

    @BeforeEach
    void createHome() throws IOException {
        home = Files.createTempDirectory("stack-test-");
    }

    @AfterEach
    void deleteHome() {
        DataDirectories.deleteQuietly(home);
    }

    @Test
    void defaultsAreTheDocumentedPortsAndADataDirectoryInTheRepository() {
        PalimpsestStack.Options options = PalimpsestStack.Options.defaults(home);

        assertEquals(8080, options.queryPort());
        assertEquals(8081, options.ingestPort());
        assertEquals(8082, options.archivePort());
        assertEquals(home.resolve(".palimpsest-data"), options.dataDirectory());
        assertEquals(InfrastructureMode.configured(), options.mode());
    }

    @Test
    void freePortsAreThreeDifferentOnes() {
        PalimpsestStack.Options options = PalimpsestStack.Options.defaults(home).withFreePorts();

        assertEquals(3, Set.of(options.queryPort(), options.ingestPort(), options.archivePort()).size());
    }

    @Test
    void twoServicesCannotShareAPort() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> PalimpsestStack.Options.defaults(home).withPorts(9000, 9001, 9000));

        assertTrue(error.getMessage().contains("three different ports"), error.getMessage());
    }

    @Test
    void oneInstanceOfEachOnThreePartitionsUnlessScaledOut() {
        PalimpsestStack.Options options = PalimpsestStack.Options.defaults(home);

        assertEquals(new PalimpsestStack.Scale(3, 1, 1), options.scale());
        PalimpsestStack.Options scaled = options.withPartitions(6).withArchiveInstances(2).withQueryInstances(3)
                .withBrokers(3).withFreePorts();
        assertEquals(new PalimpsestStack.Scale(6, 2, 3), scaled.scale());
        assertEquals(3, scaled.kafkaBrokers(), "scaling keeps the other options");
        assertEquals(new PalimpsestStack.Scale(6, 2, 3), scaled.withDataDirectory(home.resolve("d")).scale(),
                "and the other options keep the scale");
        assertEquals(new PalimpsestStack.Scale(6, 2, 3, 2), scaled.withIngestInstances(2).scale());
    }

    @Test
    void aScaleOutOfRangeIsRefused() {
        PalimpsestStack.Options options = PalimpsestStack.Options.defaults(home);

        assertThrows(IllegalArgumentException.class, () -> options.withPartitions(0));
        assertThrows(IllegalArgumentException.class, () -> options.withArchiveInstances(0));
        assertThrows(IllegalArgumentException.class, () -> options.withQueryInstances(9));
    }

    @Test
    void consumersAreToldApartByClientId() {
        assertEquals("archive-service-2", PalimpsestStack.consumerClientId(PalimpsestStack.ARCHIVE, 2));
        assertEquals("query-service-1", PalimpsestStack.consumerClientId(PalimpsestStack.QUERY, 1));
    }

    @Test
    void everyMissingJarIsNamedBeforeAnythingStarts() {
        PalimpsestStack.Options options = PalimpsestStack.Options.defaults(home).withFreePorts();

        var error = assertThrows(IllegalStateException.class, () -> PalimpsestStack.start(options));

        for (String module : new String[] {"ingest-service", "archive-service", "query-service"}) {
            assertTrue(error.getMessage().contains(module + "/target/quarkus-app/quarkus-run.jar"), error.getMessage());
        }
        assertFalse(Files.exists(options.dataDirectory()), "no infrastructure was started");
    }

    @Test
    void aTakenPortIsNamedBeforeAnythingStarts() throws IOException {
        for (String module : new String[] {"ingest-service", "archive-service", "query-service"}) {
            Path jar = ServiceProcess.quarkusJar(home, module);
            Files.createDirectories(jar.getParent());
            Files.createFile(jar);
        }
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PalimpsestStack.Options options = PalimpsestStack.Options.defaults(home).withFreePorts();
            PalimpsestStack.Options taken = options.withPorts(options.queryPort(), squatter.getLocalPort(),
                    options.archivePort());

            var error = assertThrows(IllegalStateException.class, () -> PalimpsestStack.start(taken));

            assertTrue(error.getMessage().contains(squatter.getLocalPort() + " (ingest-service) already in use"),
                    error.getMessage());
            assertFalse(Files.exists(options.dataDirectory()), "no infrastructure was started");
        }
    }
}
