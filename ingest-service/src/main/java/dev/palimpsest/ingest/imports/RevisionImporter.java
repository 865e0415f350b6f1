package dev.palimpsest.ingest.imports;

import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.ContentSlot;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.MediaWikiSource;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.Sha1Base36;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.Visibility;
import dev.palimpsest.ingest.IngestProblem;
import dev.palimpsest.ingest.mediawiki.Decompression;
import dev.palimpsest.ingest.mediawiki.DumpFormatException;
import dev.palimpsest.ingest.mediawiki.DumpRejection;
import dev.palimpsest.ingest.mediawiki.DumpRevision;
import dev.palimpsest.ingest.mediawiki.ExportRoot;
import dev.palimpsest.ingest.mediawiki.MediaWikiDumpReader;
import dev.palimpsest.ingest.submission.RevisionPublisher;
import dev.palimpsest.problem.ProblemException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Imports a MediaWiki export: spools the upload to a temporary file, reads it once to validate the whole document
 * (so a malformed, hostile or truncated file publishes nothing), then reads it again, in the background, publishing
 * one {@link RevisionSubmitted} per revision in document order, keyed {@code {database}:{page id}}, with a bounded
 * number of sends in flight. Memory stays constant whatever the dump's size.
 *
 * <p>Each revision's idempotency key is its source revision id, so importing a dump again stores nothing twice: the
 * archive answers the repeats as duplicates.
 */
@ApplicationScoped
public class RevisionImporter {

    private static final Logger LOG = Logger.getLogger(RevisionImporter.class);
    /** Wikimedia database names: lowercase letters, digits, underscores. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z0-9_]{1,64}");
    /** Sends awaiting the broker's acknowledgement at most; bounds memory to this many texts. */
    private static final int IN_FLIGHT = 256;

    private final RevisionPublisher publisher;
    private final ImportRegistry registry;
    private final ManagedExecutor executor;
    private final long maxImportBytes;
    private final long maxRevisionBytes;
    private final Path spoolDirectory;
    private final ImportedRevisionTraces traces;
    private final ImportMetrics metrics;

    public RevisionImporter(RevisionPublisher publisher, ImportRegistry registry, ManagedExecutor executor,
                            ImportedRevisionTraces traces, ImportMetrics metrics,
                            @ConfigProperty(name = "palimpsest.ingest.max-import-size") MemorySize maxImportSize,
                            @ConfigProperty(name = "palimpsest.ingest.max-body-size") MemorySize maxRevisionSize,
                            @ConfigProperty(name = "palimpsest.ingest.import-spool-directory") Path spoolDirectory) {
        this.publisher = publisher;
        this.registry = registry;
        this.executor = executor;
        this.maxImportBytes = maxImportSize.asLongValue();
        this.maxRevisionBytes = maxRevisionSize.asLongValue();
        this.spoolDirectory = spoolDirectory;
        this.traces = traces;
        this.metrics = metrics;
    }

    /**
     * Receives and validates an export, then starts publishing it.
     *
     * @throws ProblemException when the document as a whole is refused (nothing is published then)
     */
    public ImportReport start(InputStream body, String databaseOverride, String requestId) {
        if (databaseOverride != null && !DATABASE_NAME.matcher(databaseOverride).matches()) {
            throw new ProblemException(IngestProblem.INVALID_PARAMETER,
                    "database: a wiki database name such as enwiki (lowercase letters, digits, underscores)");
        }
        Path spool = spool(body);
        try {
            MediaWikiDumpReader.Totals totals;
            try (InputStream xml = Decompression.open(Files.newInputStream(spool))) {
                totals = new MediaWikiDumpReader(databaseOverride).read(xml, item -> { });
            }
            ImportProgress progress = new ImportProgress(UUID.randomUUID().toString(), registry.instanceId(),
                    totals.database(), Files.size(spool), totals.pages(), totals.revisions());
            // recorded where every ingest instance reads it before the 202 names it
            ImportReport accepted = registry.add(progress);
            SpanContext request = traces.currentRequest();
            metrics.started();
            executor.execute(() -> publishAll(spool, databaseOverride, progress, requestId, request));
            LOG.infof("import %s: %d pages, %d revisions of %s (export schema %s), publishing", progress.importId(),
                    totals.pages(), totals.revisions(), totals.database(), totals.root().schemaVersion());
            if (!totals.root().knownVersion()) {
                LOG.warnf("import %s: export schema %s is newer than %s; elements this reader does not know are"
                        + " skipped", progress.importId(), totals.root().schemaVersion(), ExportRoot.NEWEST_KNOWN);
            }
            return accepted;
        } catch (DumpFormatException e) {
            delete(spool);
            throw new ProblemException(IngestProblem.INVALID_DUMP, e.getMessage());
        } catch (IOException e) {
            delete(spool);
            throw new ProblemException(IngestProblem.INVALID_DUMP, "cannot read the upload: " + MediaWikiDumpReader.describe(e));
        } catch (RuntimeException e) {
            delete(spool);
            throw e;
        }
    }

    private Path spool(InputStream body) {
        Path spool;
        try {
            Files.createDirectories(spoolDirectory);
            spool = Files.createTempFile(spoolDirectory, "palimpsest-import-", ".dump");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spool file in " + spoolDirectory, e);
        }
        try (OutputStream out = Files.newOutputStream(spool)) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n; (n = body.read(buffer)) >= 0; ) {
                total += n;
                if (total > maxImportBytes) {
                    throw new ProblemException(IngestProblem.IMPORT_TOO_LARGE,
                            "the upload exceeds the limit of " + maxImportBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
            if (total == 0) {
                throw new ProblemException(IngestProblem.INVALID_DUMP, "the body is empty; expected a MediaWiki"
                        + " XML export (plain, gzip, bzip2, xz or LZMA)");
            }
            return spool;
        } catch (IOException e) {
            delete(spool);
            throw new ProblemException(IngestProblem.INVALID_DUMP, "the upload broke off: " + MediaWikiDumpReader.describe(e));
        } catch (RuntimeException e) {
            delete(spool);
            throw e;
        }
    }

    private void publishAll(Path spool, String databaseOverride, ImportProgress progress, String requestId,
                            SpanContext request) {
        Semaphore window = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (CountingInputStream xml = new CountingInputStream(Decompression.open(Files.newInputStream(spool)))) {
            new MediaWikiDumpReader(databaseOverride).read(xml, item -> {
                progress.xmlBytesRead(xml.count());
                if (failure.get() != null) {
                    throw new PublishingStopped();
                }
                if (item instanceof DumpRejection rejection) {
                    progress.rejected(rejection.pageTitle(), rejection.revId(), rejection.reason());
                    metrics.revisionRejected();
                    return;
                }
                DumpRevision revision = (DumpRevision) item;
                RevisionSubmitted event = event(revision, progress.importId(), requestId);
                String refusal = refusal(revision, event);
                if (refusal != null) {
                    progress.rejected(revision.pageTitle(), revision.revId(), refusal);
                    metrics.revisionRejected();
                    return;
                }
                window.acquireUninterruptibly();
                Context trace = traces.startRevision(request, progress.importId(), event.articleKey());
                publisher.send(event, trace).whenComplete((ok, error) -> {
                    Span.fromContext(trace).end();
                    if (error == null) {
                        progress.published();
                        metrics.revisionPublished();
                    } else {
                        failure.compareAndSet(null, error);
                    }
                    window.release();
                });
            });
            window.acquireUninterruptibly(IN_FLIGHT); // every send answered
            progress.xmlBytesRead(xml.count());
        } catch (PublishingStopped stopped) {
            window.acquireUninterruptibly(IN_FLIGHT);
        } catch (DumpFormatException | IOException | RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            delete(spool);
        }
        metrics.finished(failure.get() == null);
        if (failure.get() == null) {
            progress.completed();
            LOG.infof("import %s completed: %s", progress.importId(), progress.report());
        } else {
            progress.failed("publishing stopped: " + failure.get().getMessage()
                    + "; revisions published before stay in the log, retry the import to publish the rest");
            LOG.warnf(failure.get(), "import %s failed", progress.importId());
        }
        registry.ended(progress);
    }

    /** Why a well-read revision still cannot be archived exactly, or null; checks the sha1 and length of its event. */
    private String refusal(DumpRevision revision, RevisionSubmitted event) {
        String expected = revision.sha1Base36();
        String actual = sha1Base36Of(event);
        if (expected != null && !expected.isEmpty() && actual != null && !expected.equals(actual)) {
            return (event.slots() == null ? "the text does not" : "the text and its other slots do not")
                    + " match the dump's own sha1 " + expected;
        }
        long slotBytes = ContentSlot.orNone(event.slots()).stream().mapToLong(slot -> Math.max(0, slot.len())).sum();
        if (Math.max(0, event.revLen()) + slotBytes > maxRevisionBytes) {
            return "the text" + (slotBytes > 0 ? " and its other slots are" : " is") + " larger than the limit of "
                    + maxRevisionBytes + " bytes";
        }
        return null;
    }

    /** The revision's sha1 as MediaWiki writes it, or null when a hidden slot leaves it unknowable here. */
    private static String sha1Base36Of(RevisionSubmitted event) {
        List<ContentSlot> slots = ContentSlot.orNone(event.slots());
        if (event.text() == null || slots.stream().anyMatch(ContentSlot::textHidden)) {
            return null;
        }
        if (slots.isEmpty()) {
            return Sha1Base36.fromHex(event.revSha1());
        }
        SortedMap<String, String> byRole = new TreeMap<>();
        byRole.put(ContentSlot.MAIN, event.revSha1());
        slots.forEach(slot -> byRole.put(slot.role(), slot.sha1()));
        return Sha1Base36.ofSlots(byRole);
    }

    private static RevisionSubmitted event(DumpRevision revision, String importId, String requestId) {
        // a hidden text has no bytes here, so no sha1 and no length (-1, as MediaWiki writes bytes="-1")
        String sha1 = revision.textHidden() ? null : ContentHash.sha1Hex(revision.text());
        long length = revision.textHidden() ? -1 : ContentHash.utf8Length(revision.text());
        MediaWikiSource source = new MediaWikiSource(revision.database(), revision.pageId(),
                revision.pageNamespace(), revision.minor(), revision.contentModel(), revision.contentFormat(),
                revision.sha1Base36(), importId);
        return new RevisionSubmitted(RevisionSubmitted.SCHEMA,
                EventMeta.now(Topics.REVISIONS_SUBMITTED, requestId == null ? "import:" + importId : requestId),
                revision.articleKey(), revision.pageTitle(), revision.timestamp(), revision.revId(),
                revision.parentId(), revision.contributor(), revision.comment(), revision.text(), sha1, length,
                "rev:" + revision.revId(), source,
                Visibility.of(revision.textHidden(), revision.commentHidden(), revision.contributorHidden()),
                revision.otherSlots().stream().map(slot -> ContentSlot.of(slot.role(), slot.model(), slot.format(),
                        slot.text(), slot.hidden())).toList());
    }

    private static void delete(Path spool) {
        try {
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            LOG.warnf("could not delete the spool file %s: %s", spool, e.getMessage());
        }
    }

    /** Thrown out of the reader's callback to stop reading once a send has failed. */
    private static final class PublishingStopped extends RuntimeException {
        PublishingStopped() {
            super(null, null, false, false);
        }
    }

    /** Counts the XML bytes read, for progress. */
    private static final class CountingInputStream extends FilterInputStream {
        private final AtomicLong count = new AtomicLong();

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count.get();
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}
