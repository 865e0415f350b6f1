package dev.palimpsest.bench;

import java.time.Duration;
import java.util.Locale;

/** How the driver writes sizes, durations, rates and process names for people. */
final class Units {

    private Units() {
    }

    /** Binary units, three significant digits or so: {@code 812 KiB}, {@code 12.3 MiB}, {@code 3.05 GiB}. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        String format = value >= 100 ? "%.0f %s" : value >= 10 ? "%.1f %s" : "%.2f %s";
        return String.format(Locale.ROOT, format, value, units[unit]);
    }

    /** {@code 42.3 s}, {@code 12 min 05 s}, {@code 2 h 03 min}. */
    static String duration(Duration duration) {
        if (duration == null) {
            return "—";
        }
        long seconds = duration.toSeconds();
        if (seconds < 600) {
            return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }

    /** Revisions (or anything) per second over {@code duration}, or a dash. */
    static String rate(long count, Duration duration) {
        if (duration == null || duration.isZero()) {
            return "—";
        }
        double perSecond = count / (duration.toMillis() / 1000.0);
        return String.format(Locale.ROOT, perSecond >= 100 ? "%,.0f" : "%,.1f", perSecond);
    }

    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** The short name of a process group, for narrow columns. */
    static String shortName(String processGroup) {
        return switch (processGroup) {
            case StackProcesses.KAFKA -> "kafka";
            case StackProcesses.POSTGRES -> "postgres";
            case StackProcesses.DRIVER -> "driver";
            default -> processGroup.replace("-service", "");
        };
    }
}
