package dev.palimpsest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * Memory of running processes, from Linux's {@code /proc}: the resident set ({@code VmRSS}) and the proportional
 * set ({@code Pss}, shared pages divided among the processes sharing them). Summed over several processes, only
 * the latter is what they take together: each PostgreSQL backend's RSS counts the shared buffers it has touched.
 */
final class ProcessMemory {

    private ProcessMemory() {
    }

    /** Kibibytes; zero for a process that is gone. */
    record Reading(long rssKib, long pssKib) {

        static final Reading NONE = new Reading(0, 0);

        Reading plus(Reading other) {
            return new Reading(rssKib + other.rssKib, pssKib + other.pssKib);
        }

        long rssMib() {
            return Math.round(rssKib / 1024.0);
        }

        long pssMib() {
            return Math.round(pssKib / 1024.0);
        }
    }

    static Reading of(long pid) {
        Optional<String> status = read(Path.of("/proc", Long.toString(pid), "status"));
        if (status.isEmpty()) {
            return Reading.NONE;
        }
        // smaps_rollup since Linux 4.14; without it, PSS is left at RSS
        long rss = kibibytes(status.get(), "VmRSS");
        long pss = read(Path.of("/proc", Long.toString(pid), "smaps_rollup"))
                .map(rollup -> kibibytes(rollup, "Pss")).orElse(rss);
        return new Reading(rss, pss);
    }

    static Reading ofAll(Collection<Long> pids) {
        Reading total = Reading.NONE;
        for (long pid : pids) {
            total = total.plus(of(pid));
        }
        return total;
    }

    /** The value of a {@code Field:   1234 kB} line of a {@code /proc} file; 0 when absent. */
    static long kibibytes(String procFile, String field) {
        for (String line : procFile.split("\n")) {
            if (line.startsWith(field + ":")) {
                String value = line.substring(field.length() + 1).strip();
                int space = value.indexOf(' ');
                return Long.parseLong(space < 0 ? value : value.substring(0, space));
            }
        }
        return 0;
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException | SecurityException gone) {
            return Optional.empty(); // the process ended between listing and reading: it takes nothing now
        }
    }
}
