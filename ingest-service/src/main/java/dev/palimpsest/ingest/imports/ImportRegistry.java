package dev.palimpsest.ingest.imports;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The imports this process has run, newest last, for status requests. Kept in memory only: ingest stores nothing
 * (what an import published is in the log; a restarted ingest forgets the reports, not the revisions).
 */
@ApplicationScoped
public class ImportRegistry {

    private static final int KEPT = 200;

    private final Map<String, ImportProgress> imports = new LinkedHashMap<>();

    synchronized void add(ImportProgress progress) {
        imports.put(progress.importId(), progress);
        if (imports.size() > KEPT) {
            imports.remove(imports.keySet().iterator().next());
        }
    }

    public synchronized Optional<ImportReport> report(String importId) {
        return Optional.ofNullable(imports.get(importId)).map(ImportProgress::report);
    }

    /** The newest first. */
    public synchronized List<ImportReport> recent(int limit) {
        List<ImportReport> reports = new ArrayList<>();
        imports.values().forEach(progress -> reports.add(0, progress.report()));
        return reports.subList(0, Math.min(limit, reports.size()));
    }
}
