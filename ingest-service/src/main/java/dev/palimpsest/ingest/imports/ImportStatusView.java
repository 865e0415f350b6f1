package dev.palimpsest.ingest.imports;

import dev.palimpsest.events.ImportStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The latest record of each import read from {@code palimpsest.imports}: what every ingest instance answers status
 * requests from. The newest record of an import wins (the highest {@link ImportStatus#sequence()}, and of equal
 * ones the later read), so an older record read late never takes a report back; a tombstone (no record) forgets the
 * import. Bounded: beyond {@code capacity} imports the earliest started are forgotten first.
 */
final class ImportStatusView {

    private static final Comparator<ImportStatus> BY_START = Comparator.comparing(ImportStatus::startedAt)
            .thenComparing(ImportStatus::importId);

    private final int capacity;
    private final Map<String, ImportStatus> byId = new HashMap<>();
    private final TreeSet<ImportStatus> byStart = new TreeSet<>(BY_START);

    ImportStatusView(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the view must keep at least one import, not " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Takes the record read for key {@code importId}.
     *
     * @param status the record, or null for a tombstone
     * @return whether the view changed
     */
    synchronized boolean apply(String importId, ImportStatus status) {
        ImportStatus current = byId.get(importId);
        if (status == null) {
            if (current == null) {
                return false;
            }
            byId.remove(importId);
            byStart.remove(current);
            return true;
        }
        if (current != null) {
            if (status.sequence() < current.sequence()) {
                return false;
            }
            byStart.remove(current);
        }
        byId.put(importId, status);
        byStart.add(status);
        while (byId.size() > capacity) {
            byId.remove(byStart.pollFirst().importId());
        }
        return true;
    }

    synchronized Optional<ImportStatus> latest(String importId) {
        return Optional.ofNullable(byId.get(importId));
    }

    /** At most {@code limit} imports, the latest started first. */
    synchronized List<ImportStatus> newest(int limit) {
        List<ImportStatus> newest = new ArrayList<>(Math.min(limit, byId.size()));
        for (Iterator<ImportStatus> it = byStart.descendingIterator(); it.hasNext() && newest.size() < limit; ) {
            newest.add(it.next());
        }
        return newest;
    }

    /** The imports whose latest record says instance {@code instanceId} is still publishing them. */
    synchronized List<ImportStatus> publishingBy(String instanceId) {
        return byId.values().stream().filter(status -> ImportState.PUBLISHING.name().equals(status.state())
                && instanceId.equals(status.instanceId())).toList();
    }

    synchronized int size() {
        return byId.size();
    }
}
