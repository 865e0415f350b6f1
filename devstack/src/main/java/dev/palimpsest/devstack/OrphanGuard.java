package dev.palimpsest.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Ends a process we started when this JVM disappears, even by {@code kill -9}, when no shutdown hook runs. A tiny
 * {@code sh} loop watches this JVM's pid and signals the guarded process (by its pid, after checking it is still
 * the same program) once this JVM is gone. POSIX only, like the embedded PostgreSQL binaries.
 */
public final class OrphanGuard {

    private OrphanGuard() {
    }

    /**
     * @param pid     the process to end
     * @param command its expected {@code /proc/<pid>/comm} name, so a recycled pid is never signalled
     * @param signal  the polite signal to send first (TERM for a JVM, INT for PostgreSQL's fast shutdown)
     */
    public static void guard(long pid, String command, String signal) {
        long parent = ProcessHandle.current().pid();
        String script = """
                parent=%d; child=%d; name='%s'
                same() { [ "$(cat /proc/$child/comm 2>/dev/null)" = "$name" ] && [ "$(cut -d' ' -f3 /proc/$child/stat 2>/dev/null)" != Z ]; }
                while kill -0 $parent 2>/dev/null && same; do sleep 1; done
                same || exit 0
                kill -%s $child 2>/dev/null
                for i in $(seq 1 20); do same || exit 0; sleep 1; done
                kill -KILL $child 2>/dev/null
                """.formatted(parent, pid, command, signal);
        try {
            new ProcessBuilder("sh", "-c", script)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the orphan guard for pid " + pid, e);
        }
    }

    /** The {@code comm} name Linux shows for a process, or empty when unknown. */
    public static String commandName(long pid) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "comm")).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
