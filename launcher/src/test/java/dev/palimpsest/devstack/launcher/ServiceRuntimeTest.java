package dev.palimpsest.devstack.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceRuntimeTest {

    @TempDir
    Path directory;

    @Test
    void readsOptionsAndEnvironmentSkippingCommentsAndBlankLines() {
        ServiceRuntime runtime = ServiceRuntime.parse("""
                # a comment
                -XX:+UseSerialGC

                  -Xmx128m   \s
                MALLOC_ARENA_MAX=2
                # NOT_THIS=1
                JAVA_TOOL_OPTIONS=-Dx=a=b
                """);

        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx128m"), runtime.jvmOptions());
        assertEquals(Map.of("MALLOC_ARENA_MAX", "2", "JAVA_TOOL_OPTIONS", "-Dx=a=b"), runtime.environment());
    }

    @Test
    void refusesALineThatIsNeitherAnOptionNorAnAssignment() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ServiceRuntime.parse("Xmx128m"));
        assertTrue(error.getMessage().contains("Xmx128m"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServiceRuntime.parse("lower_case=1"));
    }

    @Test
    void theServicesSettingsBoundTheHeapAndChooseOneCollector() {
        ServiceRuntime services = ServiceRuntime.services();

        assertTrue(services.jvmOptions().stream().anyMatch(option -> option.startsWith("-Xmx")),
                services.jvmOptions().toString());
        assertEquals(1, services.jvmOptions().stream().filter(option -> option.matches("-XX:\\+Use\\w+GC")).count(),
                services.jvmOptions().toString());
        assertTrue(services.environment().containsKey("MALLOC_ARENA_MAX"), services.environment().toString());
    }

    @Test
    void usesTheStartupArchiveTheBuildLeftBesideTheJar() throws Exception {
        Path jar = Files.createFile(directory.resolve("quarkus-run.jar"));
        ServiceRuntime runtime = ServiceRuntime.parse("-Xmx64m");

        assertEquals(List.of("-Xmx64m"), runtime.jvmOptionsFor(jar), "no archive, no archive option");

        Path cds = Files.createFile(directory.resolve("app-cds.jsa"));
        assertEquals(List.of("-Xmx64m", "-XX:SharedArchiveFile=" + cds.toAbsolutePath()), runtime.jvmOptionsFor(jar));

        Path aot = Files.createFile(directory.resolve("app.aot"));
        assertEquals(List.of("-Xmx64m", "-XX:AOTCache=" + aot.toAbsolutePath()), runtime.jvmOptionsFor(jar),
                "the JDK 24+ cache, when the build made one, over the class-data archive");
    }

    @Test
    void theRuntimeEnvironmentReachesTheServiceUnderTheCallersOwn() {
        ServiceProcess.Options options = new ServiceProcess.Options("stand-in", directory.resolve("x.jar"), 8099,
                Map.of("MALLOC_ARENA_MAX", "4", "OTHER", "1"), directory);

        Map<String, String> environment = ServiceProcess.environment(options);

        assertEquals("4", environment.get("MALLOC_ARENA_MAX"), "the caller's value wins");
        assertEquals("8099", environment.get("QUARKUS_HTTP_PORT"));
        ServiceProcess.Options plain = new ServiceProcess.Options("stand-in", directory.resolve("x.jar"), 8099,
                Map.of(), directory);
        assertEquals(ServiceRuntime.services().environment().get("MALLOC_ARENA_MAX"),
                ServiceProcess.environment(plain).get("MALLOC_ARENA_MAX"));
    }
}
