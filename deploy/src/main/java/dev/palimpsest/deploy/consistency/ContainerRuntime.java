package dev.palimpsest.deploy.consistency;

import dev.palimpsest.devstack.launcher.ServiceRuntime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a service container's environment must hold so that it runs as {@code ./palimpsest up} runs it: the
 * launcher's {@link ServiceRuntime} (one file, {@code service-runtime.options}) translated for the images' start
 * script (Red Hat's UBI OpenJDK {@code run-java.sh}, which Jib's Quarkus images use).
 *
 * <ul>
 *   <li>{@code JAVA_OPTS_APPEND}: the JVM options, after the logging manager Quarkus' Jib build puts there itself
 *       (an environment value replaces the image's, so it is repeated);</li>
 *   <li>{@code GC_CONTAINER_OPTIONS}: the collector, which replaces the script's default {@code -XX:+UseParallelGC}
 *       (with both, the JVM refuses to start: "multiple garbage collectors selected");</li>
 *   <li>the process environment entries as they are ({@code MALLOC_ARENA_MAX}).</li>
 * </ul>
 *
 * @param environment the variables and their exact values
 * @param heapBytes   the maximum heap ({@code -Xmx}): a container's memory limit must leave twice as much again for
 *                    the rest of the JVM (metaspace, code, threads, native buffers)
 */
public record ContainerRuntime(Map<String, String> environment, long heapBytes) {

    /** What Quarkus' Jib build sets {@code JAVA_OPTS_APPEND} to by default (quarkus.jib.jvm-arguments). */
    static final String LOG_MANAGER = "-Djava.util.logging.manager=org.jboss.logmanager.LogManager";

    public ContainerRuntime {
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** The services' runtime settings, as the launcher uses them. */
    public static ContainerRuntime services() {
        return of(ServiceRuntime.services());
    }

    static ContainerRuntime of(ServiceRuntime runtime) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("JAVA_OPTS_APPEND", LOG_MANAGER + " " + String.join(" ", runtime.jvmOptions()));
        List<String> collectors = runtime.jvmOptions().stream().filter(o -> o.matches("-XX:\\+Use\\w+GC")).toList();
        if (collectors.size() != 1) {
            throw new IllegalStateException("the services' JVM options must choose exactly one collector: " + collectors);
        }
        environment.put("GC_CONTAINER_OPTIONS", collectors.get(0));
        environment.putAll(runtime.environment());
        long heap = runtime.jvmOptions().stream().filter(o -> o.startsWith("-Xmx")).reduce((first, last) -> last)
                .map(o -> bytes(o.substring(4)))
                .orElseThrow(() -> new IllegalStateException("the services' JVM options set no -Xmx"));
        return new ContainerRuntime(environment, heap);
    }

    /** Whether this variable is one of the runtime's (the JVM's or the C library's), not the application's. */
    public boolean sets(String variable) {
        return environment.containsKey(variable);
    }

    /** The problems of a container environment against these settings, as sentences; none when it carries them. */
    public List<String> problems(Map<String, Optional<String>> containerEnvironment) {
        List<String> problems = new java.util.ArrayList<>();
        environment.forEach((variable, value) -> {
            Optional<String> actual = containerEnvironment.getOrDefault(variable, null);
            if (actual == null) {
                problems.add("needs environment variable " + variable + "=" + value + " (service-runtime.options)");
            } else if (actual.isPresent() && !actual.get().equals(value)) {
                problems.add("environment variable " + variable + " is \"" + actual.get() + "\", not \"" + value
                        + "\" as in service-runtime.options");
            }
        });
        return problems;
    }

    /**
     * A problem with a memory limit of {@code limitBytes}, if any: it must be at least twice the heap (measured
     * during an import: 180-250 MiB beside the heap, ADR 0030).
     */
    public Optional<String> memoryLimitProblem(long limitBytes) {
        if (limitBytes < 2 * heapBytes) {
            return Optional.of("memory limit " + limitBytes / (1024 * 1024) + " MiB is less than twice the heap (-Xmx"
                    + heapBytes / (1024 * 1024) + "m): metaspace, code, threads and native buffers need the rest");
        }
        return Optional.empty();
    }

    /** A JVM or Compose size, {@code 128m}, {@code 1g}, {@code 512k} or bytes. */
    public static long bytes(String size) {
        String s = size.strip().toLowerCase(Locale.ROOT);
        long unit = switch (s.charAt(s.length() - 1)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1;
        };
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        if (digits.endsWith("b")) {
            digits = digits.substring(0, digits.length() - 1);
        }
        return Long.parseLong(digits) * unit;
    }
}
