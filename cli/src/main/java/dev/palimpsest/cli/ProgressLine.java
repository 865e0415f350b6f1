package dev.palimpsest.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of long work for people: on a terminal one line redrawn in place (a bar, counts, rate, time left);
 * elsewhere (CI logs, pipes) a plain line at most every few seconds, so logs stay readable.
 */
final class ProgressLine {

    private static final int BAR_WIDTH = 24;
    private static final long PLAIN_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

    private final PrintStream out;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long lastPlain = Long.MIN_VALUE;

    ProgressLine(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** @param fraction done so far, 0..1, or negative when unknown */
    void show(String what, double fraction, String counts, double perSecond, String unit) {
        show(what, fraction, counts, perSecond, unit, null);
    }

    /**
     * @param secondsLeft the time left as the work itself estimates it (a server that saw it start), or null to
     *                    estimate it here from the time since this line was made
     */
    void show(String what, double fraction, String counts, double perSecond, String unit, Long secondsLeft) {
        long now = System.nanoTime();
        String line = render(what, fraction, counts, perSecond, unit, Duration.ofNanos(now - started), secondsLeft);
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            out.flush();
        } else if (lastPlain == Long.MIN_VALUE || now - lastPlain >= PLAIN_INTERVAL_NANOS) {
            out.println(line);
            lastPlain = now;
        }
    }

    /** Ends the in-place line, if any, so what follows starts on a fresh one. */
    void done() {
        if (terminal) {
            out.println();
        }
    }

    static String render(String what, double fraction, String counts, double perSecond, String unit,
                         Duration elapsed) {
        return render(what, fraction, counts, perSecond, unit, elapsed, null);
    }

    static String render(String what, double fraction, String counts, double perSecond, String unit,
                         Duration elapsed, Long secondsLeft) {
        StringBuilder line = new StringBuilder(what).append(' ');
        if (fraction >= 0) {
            int filled = (int) Math.round(Math.min(fraction, 1) * BAR_WIDTH);
            line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3.0f%% ", Math.min(fraction, 1) * 100));
        }
        line.append(counts);
        if (perSecond > 0) {
            line.append(String.format(Locale.ROOT, ", %s/s", human(perSecond, unit)));
        }
        if (fraction > 0 && fraction < 1) {
            long left = secondsLeft != null ? secondsLeft
                    : Math.round(elapsed.toMillis() / 1000.0 * (1 - fraction) / fraction);
            line.append(", ETA ").append(clock(left));
        }
        return line.toString();
    }

    static String human(double amount, String unit) {
        if (!unit.equals("B")) {
            return String.format(Locale.ROOT, "%.0f %s", amount, unit);
        }
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int scale = 0;
        while (amount >= 1024 && scale < units.length - 1) {
            amount /= 1024;
            scale++;
        }
        return String.format(Locale.ROOT, scale == 0 ? "%.0f %s" : "%.1f %s", amount, units[scale]);
    }

    static String clock(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
