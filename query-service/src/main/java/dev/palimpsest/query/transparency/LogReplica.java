package dev.palimpsest.query.transparency;

import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.ArchivedLeaves;
import dev.palimpsest.events.LogLeaf;
import dev.palimpsest.tlog.store.LogAppends;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read model's copy of the archive's transparency logs (ADR 0040, 0041): each archived answer that is a leaf is
 * made into its leaf again from its own fields ({@link ArchivedLeaves}) and appended to the copy of its log, in the
 * transaction that applies it, so the copy is rebuilt by replay like the rest of the read model. The archive
 * publishes a log's answers in its order on one partition, so they arrive in order: a leaf the copy holds already
 * (a redelivery, a replay) is skipped, and a leaf past the copy's end (an answer lost, or one that could not be
 * decoded) stops the copy of that log, said in the log, rather than give it a wrong tree. Whether the copy is right
 * is what the archive's signed checkpoints say ({@link CheckpointStore}).
 */
@ApplicationScoped
public class LogReplica {

    private static final Logger LOG = Logger.getLogger(LogReplica.class);

    private final DataSource dataSource;
    private final String logName;

    public LogReplica(DataSource dataSource, @ConfigProperty(name = "palimpsest.log.name") String logName) {
        this.dataSource = dataSource;
        this.logName = logName;
    }

    /** Appends the leaves of {@code events} (in their order) to the copies of their logs, in the caller's transaction. */
    public void append(List<ArchiveEvent> events) {
        Map<Short, List<ArchiveEvent>> byLog = new LinkedHashMap<>();
        for (ArchiveEvent event : events) {
            LogLeaf leaf = event.leaf();
            if (leaf != null && leaf.log() > Short.MAX_VALUE) {
                LOG.errorf("%s %s #%d names transparency log %d, which cannot exist (log ids are partitions,"
                        + " at most %d); its leaf is not copied", event.getClass().getSimpleName(),
                        event.articleKey(), event.revSeq(), leaf.log(), Short.MAX_VALUE);
            } else if (leaf != null) {
                byLog.computeIfAbsent((short) leaf.log(), log -> new ArrayList<>()).add(event);
            }
        }
        if (byLog.isEmpty()) {
            return;
        }
        LogAppends logs = LogAppends.lock(dataSource, byLog.keySet(), logName);
        byLog.forEach((log, leaves) -> {
            for (ArchiveEvent event : leaves) {
                long size = logs.size(log);
                long index = event.leaf().index();
                if (index < size) {
                    continue; // held already
                }
                if (index > size) {
                    LOG.errorf("the copy of transparency log %d holds %d leaves, and %s %s #%d is leaf %d: the answers"
                                    + " between never arrived; the copy of this log stops here (rebuild the read"
                                    + " model once the archived topic is whole)", log, size,
                            event.getClass().getSimpleName(), event.articleKey(), event.revSeq(), index);
                    return;
                }
                byte[] hash;
                try {
                    hash = ArchivedLeaves.of(event).hash();
                } catch (IllegalArgumentException unfit) {
                    LOG.errorf("leaf %d of transparency log %d cannot be made from %s %s #%d (%s); the copy of this"
                            + " log stops here", index, log, event.getClass().getSimpleName(), event.articleKey(),
                            event.revSeq(), unfit.getMessage());
                    return;
                }
                logs.append(log, hash);
            }
        });
        logs.store();
    }
}
