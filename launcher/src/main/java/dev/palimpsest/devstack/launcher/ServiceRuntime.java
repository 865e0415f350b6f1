package dev.palimpsest.devstack.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How every service JVM runs: its JVM options and the environment entries that tune the process (e.g.
 * {@code MALLOC_ARENA_MAX}), read from the one file that holds them, {@code service-runtime.options} beside this
 * class. The deploy manifests carry the same settings (checked by the deploy module's tests, which read that file).
 *
 * <p>The file's lines: {@code #} comments and blank lines are skipped; a line starting with {@code -} is a JVM
 * option; a line {@code NAME=value} an environment variable.
 *
 * @param jvmOptions  the options, in the file's order
 * @param environment the environment entries, in the file's order
 */
public record ServiceRuntime(List<String> jvmOptions, Map<String, String> environment) {

    /** Where the settings live, on the classpath and in the source tree (the deploy tests read it there). */
    public static final String RESOURCE = "service-runtime.options";

    /** The class-data archive Quarkus writes beside {@code quarkus-run.jar} when the build made one (JDK 17-23). */
    static final String APP_CDS_ARCHIVE = "app-cds.jsa";
    /** The ahead-of-time cache Quarkus writes instead on JDK 24 and later (JEP 483). */
    static final String AOT_CACHE = "app.aot";

    private static final ServiceRuntime SERVICES = load();

    public ServiceRuntime {
        jvmOptions = List.copyOf(jvmOptions);
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** The settings of every Palimpsest service. */
    public static ServiceRuntime services() {
        return SERVICES;
    }

    /** Parses the file's text (see the class comment for its form). */
    public static ServiceRuntime parse(String text) {
        List<String> options = new ArrayList<>();
        Map<String, String> environment = new LinkedHashMap<>();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("-")) {
                options.add(line);
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0 || !line.substring(0, equals).matches("[A-Z_][A-Z0-9_]*")) {
                throw new IllegalArgumentException("neither a JVM option (-…) nor NAME=value: " + raw);
            }
            environment.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return new ServiceRuntime(options, environment);
    }

    /**
     * The options for the service whose jar is {@code jar}: these settings, and the start-up archive the build left
     * beside the jar, if any (an archive made by another JDK is ignored by the JVM, which then starts as without).
     */
    public List<String> jvmOptionsFor(Path jar) {
        Objects.requireNonNull(jar, "jar");
        List<String> options = new ArrayList<>(jvmOptions);
        Path directory = jar.toAbsolutePath().getParent();
        Path aot = directory.resolve(AOT_CACHE);
        Path cds = directory.resolve(APP_CDS_ARCHIVE);
        if (Files.isRegularFile(aot)) {
            options.add("-XX:AOTCache=" + aot);
        } else if (Files.isRegularFile(cds)) {
            options.add("-XX:SharedArchiveFile=" + cds);
        }
        return options;
    }

    private static ServiceRuntime load() {
        try (InputStream in = ServiceRuntime.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the launcher's classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
