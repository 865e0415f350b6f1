package dev.palimpsest.bench;

import java.time.Duration;
import java.util.Map;

/**
 * One look at a run in progress.
 *
 * @param elapsed            since the upload began
 * @param revisionsGenerated written into the upload so far
 * @param published          in the log of record (ingest's acknowledged sends)
 * @param archived           answered by the archive, after its transaction
 * @param inReadModel        committed past by the query-service, after its transaction (the commit lags by up to
 *                           its consumer's commit interval, a few seconds)
 * @param memory             by process group, in {@link StackProcesses} order
 * @param cpuSeconds         CPU time used so far (user + system), by process group, in the same order
 */
record Sample(Duration elapsed, long bytesGenerated, long revisionsGenerated, long published, long archived,
              long inReadModel, Map<String, ProcessMemory.Reading> memory, Map<String, Double> cpuSeconds) {
}
