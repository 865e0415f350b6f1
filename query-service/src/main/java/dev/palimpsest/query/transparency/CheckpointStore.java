package dev.palimpsest.query.transparency;

import dev.palimpsest.tlog.Checkpoint;
import dev.palimpsest.tlog.CoveringCheckpoint;
import dev.palimpsest.tlog.InvalidProofException;
import dev.palimpsest.tlog.SignedNote;
import dev.palimpsest.tlog.TiledTree;
import dev.palimpsest.tlog.TreeProofs;
import dev.palimpsest.tlog.store.LogTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The archive's signed checkpoints as the read model received them ({@code log_checkpoint}), and which of them it
 * can prove against: one whose tree its copy of the log holds ({@link LogReplica}) with the very same root. The
 * signature is not checked here: whoever is given a proof checks it with the log's verifier key, and trusts nothing
 * this service says without it; a note that is not a checkpoint of one of this archive's logs, or one covering them
 * all ({@code log_cover}, ADR 0040 decision 2), is refused.
 */
@ApplicationScoped
public class CheckpointStore {

    private static final Logger LOG = Logger.getLogger(CheckpointStore.class);

    private final DataSource dataSource;
    private final String logName;

    public CheckpointStore(DataSource dataSource, @ConfigProperty(name = "palimpsest.log.name") String logName) {
        this.dataSource = dataSource;
        this.logName = logName;
    }

    /** A checkpoint as received: its log, size and root, and the signed note itself. */
    public record Stored(short logId, long size, byte[] root, String note) {
    }

    /**
     * Keeps a signed checkpoint read from the topic (once: the same size again changes nothing).
     *
     * @throws InvalidProofException if the note is no checkpoint of one of this archive's logs
     */
    @Transactional
    public boolean record(String note) throws InvalidProofException {
        Checkpoint checkpoint = Checkpoint.parse(SignedNote.parse(note).text());
        if (checkpoint.origin().equals(logName)) {
            return recordCover(CoveringCheckpoint.of(checkpoint), note);
        }
        short logId = logIdOf(checkpoint.origin());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO log_checkpoint (log_id, size, root, note, received_at) VALUES (?, ?, ?, ?, ?)
                     ON CONFLICT (log_id, size) DO NOTHING""")) {
            insert.setShort(1, logId);
            insert.setLong(2, checkpoint.size());
            insert.setBytes(3, checkpoint.rootHash());
            insert.setString(4, note);
            insert.setTimestamp(5, Timestamp.from(Instant.now()));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not keep a checkpoint of log " + logId, e);
        }
    }

    private boolean recordCover(CoveringCheckpoint cover, String note) throws InvalidProofException {
        for (Checkpoint log : cover.logs()) {
            logIdOf(log.origin());
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO log_cover (total_size, note, received_at) VALUES (?, ?, ?)
                     ON CONFLICT (total_size) DO NOTHING""")) {
            insert.setLong(1, cover.totalSize());
            insert.setString(2, note);
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not keep a checkpoint covering the logs", e);
        }
    }

    private short logIdOf(String origin) throws InvalidProofException {
        String prefix = logName + "/";
        if (origin.startsWith(prefix)) {
            try {
                int id = Integer.parseInt(origin.substring(prefix.length()));
                if (id >= 0 && id <= Short.MAX_VALUE) {
                    return (short) id;
                }
            } catch (NumberFormatException e) {
                // not one of ours, said below
            }
        }
        throw new InvalidProofException("checkpoint of " + origin + ", which is not a log of " + logName);
    }

    /**
     * The latest checkpoint of a log the read model can prove against: its copy of the log ({@code head}, whose
     * tiles {@code tree} reads; the caller proves with the same tree, each tile read once) holds the checkpoint's
     * tree and has the same root there. A checkpoint whose root the copy disagrees with is never served: the copy is
     * wrong (or the note is), and saying so in the log is all this service can do.
     */
    public Optional<Stored> latestProvable(Connection connection, LogTables.Head head, TiledTree tree)
            throws SQLException {
        short logId = head.logId();
        long held = head.size();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT size, root, note FROM log_checkpoint WHERE log_id = ? AND size <= ?
                ORDER BY size DESC LIMIT 8""")) {
            query.setShort(1, logId);
            query.setLong(2, held);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Stored checkpoint = new Stored(logId, rows.getLong(1), rows.getBytes(2), rows.getString(3));
                    if (MessageDigest.isEqual(checkpoint.root(), TreeProofs.root(tree, checkpoint.size()))) {
                        return Optional.of(checkpoint);
                    }
                    LOG.errorf("the read model's copy of transparency log %d disagrees with the archive's signed"
                            + " checkpoint at size %d: no proof is served against it", logId, checkpoint.size());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The latest checkpoint covering every log that the read model can prove against: its copy of each log it covers
     * holds that log's tree with the same root ({@code treeOf} gives the copy's tree of a head, as
     * {@link #latestProvable} takes it).
     */
    public Optional<String> latestProvableCover(Connection connection, Function<LogTables.Head, TiledTree> treeOf)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT total_size, note FROM log_cover ORDER BY total_size DESC LIMIT 8");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String note = rows.getString(2);
                if (agreesWithEveryCopy(connection, note, treeOf)) {
                    return Optional.of(note);
                }
                LOG.debugf("the checkpoint covering %d leaves is not served yet: the read model's copies of the logs"
                        + " do not hold all of it", rows.getLong(1));
            }
        }
        return Optional.empty();
    }

    private boolean agreesWithEveryCopy(Connection connection, String note,
                                        Function<LogTables.Head, TiledTree> treeOf) throws SQLException {
        CoveringCheckpoint cover;
        try {
            cover = CoveringCheckpoint.of(Checkpoint.parse(SignedNote.parse(note).text()));
            for (Checkpoint log : cover.logs()) {
                Optional<LogTables.Head> head = LogTables.head(connection, logIdOf(log.origin()));
                if (head.isEmpty() || head.get().size() < log.size() || !MessageDigest.isEqual(log.rootHash(),
                        TreeProofs.root(treeOf.apply(head.get()), log.size()))) {
                    return false;
                }
            }
        } catch (InvalidProofException e) {
            return false; // kept only once it passed the same checks: not reached
        }
        return true;
    }
}
