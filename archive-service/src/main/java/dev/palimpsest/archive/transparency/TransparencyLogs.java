package dev.palimpsest.archive.transparency;

import dev.palimpsest.tlog.store.LogAppends;
import dev.palimpsest.tlog.store.LogTables;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * The archive's transparency logs (ADR 0040, 0041): one per partition of the submitted topic, kept in the archive's
 * database as tiles ({@link LogTables}). {@link #open} locks the logs a batch appends to, for the batch's
 * transaction, and gives the {@link LogAppends} that append its records' leaves and store them with the batch.
 */
@ApplicationScoped
public class TransparencyLogs {

    private final DataSource dataSource;
    private final String logName;

    public TransparencyLogs(DataSource dataSource, @ConfigProperty(name = "palimpsest.log.name") String logName) {
        this.dataSource = dataSource;
        this.logName = logName;
    }

    /**
     * Locks the heads of logs {@code logIds} (creating those that do not exist yet) until the calling transaction
     * ends. Called after the batch's articles are locked.
     */
    public LogAppends open(Collection<Short> logIds) {
        return LogAppends.lock(dataSource, logIds, logName);
    }

    /** The heads of every log as committed, in order of log id. */
    public List<LogTables.Head> heads() {
        try (Connection connection = dataSource.getConnection()) {
            return LogTables.heads(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the transparency logs' heads", e);
        }
    }
}
