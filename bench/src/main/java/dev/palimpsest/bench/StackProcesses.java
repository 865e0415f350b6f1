package dev.palimpsest.bench;

import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.devstack.launcher.ServiceProcess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The processes of a running stack, by name, for memory readings: each service's JVM, the Kafka broker's JVM, all
 * of PostgreSQL's processes (postmaster and backends, which come and go), and this driver itself.
 */
final class StackProcesses {

    static final String KAFKA = "Kafka broker";
    static final String POSTGRES = "PostgreSQL (all processes)";
    static final String DRIVER = "bench driver";

    private final Map<String, Supplier<List<Long>>> groups = new LinkedHashMap<>();
    /** Each group's processes' CPU ticks, as last read. */
    private final Map<String, Map<Long, Long>> cpuTicks = new HashMap<>();

    private StackProcesses() {
    }

    /** Of a stack in local mode; with containers, Kafka and PostgreSQL are not this machine's to read and left out. */
    static StackProcesses of(PalimpsestStack stack) {
        StackProcesses processes = new StackProcesses();
        for (String name : List.of(PalimpsestStack.INGEST, PalimpsestStack.ARCHIVE, PalimpsestStack.QUERY)) {
            ServiceProcess service = stack.services().stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow();
            processes.groups.put(name, () -> List.of(service.pid()));
        }
        kafkaBrokerPid().ifPresent(pid -> processes.groups.put(KAFKA, () -> List.of(pid)));
        // where devstack's LocalInfrastructure puts the cluster
        Path postmasterPid = stack.options().dataDirectory().resolve("postgres/data/postmaster.pid");
        postmasterPid(postmasterPid).ifPresent(pid -> processes.groups.put(POSTGRES, () -> withDescendants(pid)));
        long self = ProcessHandle.current().pid();
        processes.groups.put(DRIVER, () -> List.of(self));
        return processes;
    }

    /** Group names, in report order. */
    List<String> names() {
        return List.copyOf(groups.keySet());
    }

    /**
     * CPU seconds each group has used so far: each process's latest ticks, kept after it ends (a PostgreSQL backend
     * that exits keeps what it used), summed by group.
     */
    Map<String, Double> readCpuSeconds() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        groups.forEach((name, pids) -> {
            Map<Long, Long> used = cpuTicks.computeIfAbsent(name, group -> new HashMap<>());
            for (long pid : pids.get()) {
                used.merge(pid, ProcessCpu.ticks(pid), Math::max);
            }
            seconds.put(name, used.values().stream().mapToLong(Long::longValue).sum()
                    / (double) ProcessCpu.TICKS_PER_SECOND);
        });
        return seconds;
    }

    Map<String, ProcessMemory.Reading> readMemory() {
        Map<String, ProcessMemory.Reading> readings = new LinkedHashMap<>();
        groups.forEach((name, pids) -> readings.put(name, ProcessMemory.ofAll(pids.get())));
        return readings;
    }

    /** The broker runs in a JVM this one started (devstack's LocalKafkaBroker): the child whose main is Kafka's. */
    private static OptionalLong kafkaBrokerPid() {
        return ProcessHandle.current().children()
                .filter(child -> commandLine(child.pid()).contains("kafka.Kafka"))
                .mapToLong(ProcessHandle::pid).findFirst();
    }

    /** pg_ctl daemonises the server, so it is no child of ours: its pid is the first line of postmaster.pid. */
    private static OptionalLong postmasterPid(Path file) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readAllLines(file).get(0).strip()));
        } catch (IOException | RuntimeException absent) {
            return OptionalLong.empty();
        }
    }

    private static List<Long> withDescendants(long pid) {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(postmaster -> postmaster.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    private static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }
}
