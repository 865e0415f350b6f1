package dev.palimpsest.ingest.imports;

import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.ImportStatus;
import dev.palimpsest.events.Topics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether an import another process reported as {@code PUBLISHING} is still being published. Its instance refreshes
 * the report every {@code palimpsest.ingest.import-status.interval}; a report older than {@code staleAfter} means the
 * instance is gone (killed, crashed, cut off), and one written by this very instance id, which does not run it,
 * means the instance restarted since. Either way the import is {@link ImportState#INTERRUPTED}, and the answer says
 * when it was last seen and how far it got.
 *
 * <p>The age is measured against this instance's clock, the report's time against the writer's: clocks apart by a
 * good part of {@code staleAfter} would blur the line, which is why it is many intervals long.
 *
 * @param instanceId this instance's id
 * @param staleAfter how long a publishing import may go unreported before it counts as interrupted
 */
record ImportLiveness(String instanceId, Duration staleAfter) {

    ImportLiveness {
        Objects.requireNonNull(instanceId, "instanceId");
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("stale-after must be positive, not " + staleAfter);
        }
    }

    /** The truth about the latest record of an import this instance does not run, at {@code now}. */
    ImportStatus judge(ImportStatus status, Instant now) {
        if (!ImportState.PUBLISHING.name().equals(status.state())) {
            return status;
        }
        if (instanceId.equals(status.instanceId())) {
            return interrupted(status, "ingest instance " + status.instanceId() + " restarted while publishing it");
        }
        Duration silence = Duration.between(status.updatedAt(), now);
        if (silence.compareTo(staleAfter) > 0) {
            return interrupted(status, "ingest instance " + status.instanceId() + " stopped reporting on it ("
                    + silence.toSeconds() + " s of silence, more than the " + staleAfter.toSeconds()
                    + " s allowed)");
        }
        return status;
    }

    /**
     * The record that says {@code status}'s import was interrupted: the same counters and last-seen time, one
     * sequence number on, with why and how far it got in {@link ImportStatus#error()}.
     */
    static ImportStatus interrupted(ImportStatus status, String why) {
        String detail = why + "; last reported at " + status.updatedAt() + " with at least " + status.published()
                + " of " + status.revisions() + " revisions published and " + status.rejected() + " rejected."
                + " Those published stay in the log and are archived; import the same file again to publish the"
                + " rest (revisions already archived are recognised and stored once).";
        return new ImportStatus(status.schema(), EventMeta.now(Topics.IMPORTS, "import:" + status.importId()),
                status.importId(), ImportState.INTERRUPTED.name(), status.instanceId(), status.sequence() + 1,
                status.database(), status.startedAt(), status.updatedAt(), null, status.bytes(), status.xmlBytes(),
                status.pages(), status.revisions(), status.published(), status.rejected(),
                status.revisionsPerSecond(), status.rejections(), detail);
    }
}
