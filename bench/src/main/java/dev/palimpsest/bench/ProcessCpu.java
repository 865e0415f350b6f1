package dev.palimpsest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of running processes, from Linux's {@code /proc/<pid>/stat}: user plus system time, in clock ticks of
 * {@value #TICKS_PER_SECOND} a second (Linux's {@code USER_HZ}, fixed for what {@code /proc} reports).
 */
final class ProcessCpu {

    static final int TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** User plus system ticks the process has used; zero for a process that is gone. */
    static long ticks(long pid) {
        try {
            return ticksOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1));
        } catch (IOException | SecurityException gone) {
            return 0;
        }
    }

    /**
     * The user and system ticks of a {@code stat} line: its 14th and 15th fields, counted after the command name,
     * which is in parentheses and may itself hold spaces and parentheses.
     */
    static long ticksOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is the state (field 3): utime is field 14, stime field 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
