package dev.palimpsest.ingest.observability;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;

import java.util.Optional;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;

/** Formats a record as the running service's console handler would print it. */
final class ConsoleFormat {

    private ConsoleFormat() {
    }

    static String line(String message) {
        Formatter formatter = consoleHandler(LogContext.getLogContext().getLogger("").getHandlers())
                .orElseThrow(() -> new AssertionError("no console handler on the root logger"))
                .getFormatter();
        ExtLogRecord record = new ExtLogRecord(Level.INFO, message, ConsoleFormat.class.getName());
        record.setLoggerName("dev.palimpsest.ingest.observability");
        return formatter.format(record);
    }

    /** The console handler, however Quarkus nests it (delayed, async handlers). */
    private static Optional<ConsoleHandler> consoleHandler(Handler[] handlers) {
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler console) {
                return Optional.of(console);
            }
            if (handler instanceof ExtHandler nesting) {
                Optional<ConsoleHandler> nested = consoleHandler(nesting.getHandlers());
                if (nested.isPresent()) {
                    return nested;
                }
            }
        }
        return Optional.empty();
    }
}
