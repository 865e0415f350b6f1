package dev.palimpsest.devstack.launcher;

import dev.palimpsest.devstack.DataDirectories;
import dev.palimpsest.devstack.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ServiceProcess} with a real child JVM: a jar holding only {@link ReadinessStandIn}, which behaves like a
 * Quarkus service as far as the launcher can tell (port from the environment, readiness endpoint, console output).
 */
class ServiceProcessTest {

    private static Path standInJar;
    private Path dataDirectory;
    private final List<ServiceProcess> started = new ArrayList<>();

    @BeforeAll
    static void packStandIn() throws Exception {
        standInJar = Files.createTempFile("stand-in-", ".jar");
        standInJar.toFile().deleteOnExit();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ReadinessStandIn.class.getName());
        Path classes = Path.of(ReadinessStandIn.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path packageDirectory = classes.resolve(ReadinessStandIn.class.getPackageName().replace('.', '/'));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(standInJar), manifest);
             Stream<Path> files = Files.list(packageDirectory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("ReadinessStandIn"))
                    .toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
        }
    }

    @BeforeEach
    void createDataDirectory() throws IOException {
        dataDirectory = Files.createTempDirectory("service-process-test-");
    }

    @AfterEach
    void stopEverything() {
        started.forEach(ServiceProcess::kill);
        DataDirectories.deleteQuietly(dataDirectory);
    }

    @Test
    void aMissingJarSaysHowToBuildIt() {
        Path home = dataDirectory.resolve("no-repo-here");
        var options = ServiceProcess.Options.quarkusModule(home, "query-service", FreePorts.pick(), Map.of(),
                dataDirectory);

        var error = assertThrows(IllegalStateException.class, () -> ServiceProcess.start(options));

        assertTrue(error.getMessage().contains(home.resolve("query-service/target/quarkus-app/quarkus-run.jar")
                .toString()), error.getMessage());
        assertTrue(error.getMessage().contains("run ./mvnw -DskipTests install first"), error.getMessage());
        assertFalse(Files.exists(options.logFile()), "nothing started, nothing logged");
    }

    @Test
    void aTakenPortIsRefusedRatherThanProbed() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var error = assertThrows(IllegalStateException.class,
                    () -> start(squatter.getLocalPort(), Map.of()));

            assertTrue(error.getMessage().contains("port " + squatter.getLocalPort() + " is already in use"),
                    error.getMessage());
        }
    }

    @Test
    void startsTheJarWithItsEnvironmentWaitsUntilReadyAndStopsItPolitely() throws Exception {
        int port = FreePorts.pick();
        ServiceProcess service = start(port, Map.of("STAND_IN_GREETING", "hello 佳士",
                "STAND_IN_READY_AFTER_MS", "1500"));

        long begin = System.nanoTime();
        service.awaitReady(Duration.ofSeconds(60));

        assertTrue(Duration.ofNanos(System.nanoTime() - begin).toMillis() >= 1000,
                "returned before the readiness endpoint said 200");
        assertEquals(URI.create("http://localhost:" + port), service.url());
        assertEquals(port, service.port());
        List<String> arguments = List.of(ProcessHandle.of(service.pid()).orElseThrow().info().arguments()
                .orElse(new String[0]));
        assertTrue(arguments.containsAll(ServiceRuntime.services().jvmOptions()), arguments.toString());
        assertTrue(arguments.contains("-jar"), arguments.toString());
        assertEquals("java", dev.palimpsest.devstack.OrphanGuard.commandName(service.pid()),
                "the orphan guard recognises the service by this name");
        assertEquals(dataDirectory.resolve("logs/stand-in.log"), service.logFile());
        String log = Files.readString(service.logFile(), StandardCharsets.UTF_8);
        assertTrue(log.contains("stand-in greeting: hello 佳士"), log);
        assertTrue(log.contains("stand-in listening on " + port), log);

        service.close();

        assertFalse(service.isAlive());
        assertFalse(ProcessHandle.of(service.pid()).map(ProcessHandle::isAlive).orElse(false));
        assertTrue(Files.readString(service.logFile()).contains("stand-in stopping gracefully"),
                "close() is SIGTERM: the service's shutdown hooks run");
        service.close(); // a second close is harmless
    }

    @Test
    void aRestartAppendsToTheSameLog() throws Exception {
        int port = FreePorts.pick();
        ServiceProcess first = start(port, Map.of("STAND_IN_GREETING", "first run"));
        first.awaitReady(Duration.ofSeconds(60));
        first.close();
        ServiceProcess second = start(port, Map.of("STAND_IN_GREETING", "second run"));
        second.awaitReady(Duration.ofSeconds(60));

        String log = Files.readString(second.logFile());
        assertTrue(log.indexOf("first run") >= 0 && log.indexOf("first run") < log.indexOf("second run"), log);
        assertEquals(2, log.lines().filter(line -> line.startsWith("=== ")).count(), "one marker per start");
    }

    @Test
    void aServiceThatExitsFailsTheWaitAtOnceWithItsLog() {
        ServiceProcess service = start(FreePorts.pick(), Map.of("STAND_IN_EXIT_CODE", "3"));

        long begin = System.nanoTime();
        var error = assertThrows(IllegalStateException.class, () -> service.awaitReady(Duration.ofSeconds(120)));

        assertTrue(Duration.ofNanos(System.nanoTime() - begin).toSeconds() < 30, "did not wait for the timeout");
        assertTrue(error.getMessage().contains("stand-in exited with code 3"), error.getMessage());
        assertTrue(error.getMessage().contains("stand-in failing on purpose"), "log tail: " + error.getMessage());
    }

    @Test
    void aServiceThatNeverBecomesReadyTimesOut() {
        ServiceProcess service = start(FreePorts.pick(), Map.of("STAND_IN_READY_AFTER_MS", "600000"));

        var error = assertThrows(IllegalStateException.class, () -> service.awaitReady(Duration.ofSeconds(3)));

        assertTrue(error.getMessage().contains("not ready after 3 s"), error.getMessage());
        assertTrue(service.isAlive(), "a timeout does not stop the service; close() does");
    }

    @Test
    void killEndsTheServiceWithoutItsShutdownHooks() throws Exception {
        ServiceProcess service = start(FreePorts.pick(), Map.of());
        service.awaitReady(Duration.ofSeconds(60));

        service.kill();

        assertFalse(service.isAlive());
        assertEquals(137, service.onExit().get(), "128 + SIGKILL");
        assertFalse(Files.readString(service.logFile()).contains("stopping gracefully"));
    }

    @Test
    void aKilledServiceRestartsAsItWasStarted() throws Exception {
        int port = FreePorts.pick();
        ServiceProcess first = start(port, Map.of("STAND_IN_GREETING", "same environment"));
        first.awaitReady(Duration.ofSeconds(60));
        assertThrows(IllegalStateException.class, first::restart, "a running service is not started twice");

        first.kill();
        ServiceProcess second = first.restart();
        started.add(second);
        second.awaitReady(Duration.ofSeconds(60));

        assertTrue(second.isAlive());
        assertTrue(second.pid() != first.pid(), "a new process");
        assertEquals(first.options(), second.options(), "same jar, port, environment and data directory");
        String log = Files.readString(second.logFile());
        assertEquals(2, log.lines().filter(line -> line.startsWith("=== ")).count(), "one log, one marker per start");
        assertEquals(2, log.lines().filter(line -> line.contains("same environment")).count(), log);
    }

    @Test
    void aServiceDoesNotOutliveAParentKilledWithSignalNine() throws Exception {
        int port = FreePorts.pick();
        String java = ServiceProcess.javaExecutable();
        Process host = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                OrphanedServiceHost.class.getName(), standInJar.toString(), dataDirectory.toString(),
                Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        long servicePid;
        try {
            servicePid = awaitServicePid(host.getInputStream());
        } finally {
            host.destroyForcibly(); // SIGKILL: the host's shutdown hooks never run
        }
        host.waitFor();

        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (!hasEnded(servicePid) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }

        boolean ended = hasEnded(servicePid);
        if (!ended) {
            ProcessHandle.of(servicePid).ifPresent(ProcessHandle::destroyForcibly);
        }
        assertTrue(ended, "the orphan guard ended the service");
        assertTrue(Files.readString(dataDirectory.resolve("logs/orphan.log")).contains("stand-in stopping gracefully"),
                "the guard's first signal is the polite one");
    }

    private static long awaitServicePid(InputStream hostOutput) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(hostOutput, StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("service pid ")) {
                return Long.parseLong(line.substring("service pid ".length()).trim());
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the host ended without starting its service:\n" + seen);
    }

    private ServiceProcess start(int port, Map<String, String> environment) {
        ServiceProcess service = ServiceProcess.start(new ServiceProcess.Options("stand-in", standInJar, port,
                environment, dataDirectory));
        started.add(service);
        return service;
    }

    /** Gone, or a zombie nobody has reaped yet (its parent, the killed host, cannot). */
    private static boolean hasEnded(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }
}
