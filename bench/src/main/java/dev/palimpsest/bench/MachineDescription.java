package dev.palimpsest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The machine a benchmark ran on, as BENCHMARKS.md states it next to every figure: operating system, CPU, cores,
 * memory, the Java that runs the stack, the file system under the data directory, and how busy the machine was.
 *
 * @param java       the first line of {@code java -version} of the JDK the services run on, then the VM line
 * @param loadAverage the 1, 5 and 15 minute load averages when measured: other work skews every rate
 */
public record MachineDescription(String os, String kernel, String cpu, int cores, long memoryBytes, String java,
                          String fileSystem, String loadAverage) {

    public static MachineDescription of(Path dataDirectory) {
        return new MachineDescription(osName(), System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " " + System.getProperty("os.arch"), cpuModel(), Runtime.getRuntime().availableProcessors(),
                totalMemory(), javaVersion(), fileSystem(dataDirectory), currentLoadAverage());
    }

    /** The machine as a report states it, with the load average at the start (this one's) and at the end. */
    String sentence(String loadAverageAtEnd) {
        return "Machine: " + os + " (" + kernel + "), " + cpu + ", " + cores + " cores, " + Units.bytes(memoryBytes)
                + " RAM; " + java + "; data directory on " + fileSystem + "; load average " + loadAverage
                + " at the start, " + loadAverageAtEnd + " at the end.";
    }

    /** The load averages now, e.g. {@code 1.02 0.87 0.55}. */
    static String currentLoadAverage() {
        return read(Path.of("/proc/loadavg")).map(line -> {
            String[] fields = line.strip().split("\\s+");
            return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : line.strip();
        }).orElse("unknown");
    }

    private static String osName() {
        return read(Path.of("/etc/os-release")).flatMap(release -> release.lines()
                        .filter(line -> line.startsWith("PRETTY_NAME="))
                        .map(line -> line.substring("PRETTY_NAME=".length()).replace("\"", ""))
                        .findFirst())
                .orElse(System.getProperty("os.name"));
    }

    private static String cpuModel() {
        return read(Path.of("/proc/cpuinfo")).flatMap(info -> info.lines()
                        .filter(line -> line.startsWith("model name"))
                        .map(line -> line.substring(line.indexOf(':') + 1).strip())
                        .findFirst())
                .orElse(System.getProperty("os.arch"));
    }

    private static long totalMemory() {
        return read(Path.of("/proc/meminfo"))
                .map(info -> ProcessMemory.kibibytes(info, "MemTotal") * 1024)
                .orElse(-1L);
    }

    /** What the services run on: devstack starts them with this JVM's own java. */
    private static String javaVersion() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            // "openjdk version "17.0.15" 2025-04-15" and the VM line; the runtime line in between adds nothing
            String[] lines = output.strip().split("\\R");
            return lines.length >= 3 ? lines[0] + "; " + lines[2] : output.strip().replace('\n', ' ');
        } catch (IOException e) {
            return System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return System.getProperty("java.version");
        }
    }

    private static String fileSystem(Path directory) {
        try {
            Path existing = directory.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing == null ? "unknown" : Files.getFileStore(existing).type();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
