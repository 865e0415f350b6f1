package dev.palimpsest.ingest.imports;

import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.kafka.EventFrame;
import dev.palimpsest.ingest.IngestProblem;
import dev.palimpsest.ingest.mediawiki.Decompression;
import dev.palimpsest.ingest.mediawiki.DumpFormatException;
import dev.palimpsest.ingest.mediawiki.DumpItem;
import dev.palimpsest.ingest.mediawiki.DumpRejection;
import dev.palimpsest.ingest.mediawiki.DumpRevision;
import dev.palimpsest.ingest.mediawiki.ExportRoot;
import dev.palimpsest.ingest.mediawiki.MediaWikiDumpReader;
import dev.palimpsest.ingest.revision.RevisionFactory;
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
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Imports a MediaWiki export in one reading (ADR 0027, superseding the two readings of ADR 0003): the upload is
 * decompressed and parsed as it arrives, each revision checked and made into its event by the
 * {@link RevisionFactory} (the same rules as a single submission), and the events spooled to a temporary
 * {@link ImportSpool}. Only when the whole document has been read, and found to be an export, is it accepted (so a
 * malformed, hostile or truncated file publishes nothing); then a background task publishes the spool, one
 * {@link RevisionSubmitted} per revision in document order, keyed {@code {database}:{page id}}, with a bounded
 * number of bytes in flight, through the {@link ImportProducer} (batches of consecutive revisions, compressed
 * together; an article's revisions in their order). Memory stays constant whatever the dump's size.
 *
 * <p>Each revision's idempotency key is its source revision id, so importing a dump again stores nothing twice: the
 * archive answers the repeats as duplicates.
 */
@ApplicationScoped
public class RevisionImporter {

    private static final Logger LOG = Logger.getLogger(RevisionImporter.class);
    /** Wikimedia database names: lowercase letters, digits, underscores. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z0-9_]{1,64}");
    /**
     * Bytes of events awaiting the broker's acknowledgement at most (each held until then): bounds memory by bytes,
     * whatever the texts' sizes, and is larger than the import producer's batch (4 MiB of estimated compressed bytes,
     * many MiB of text), so batches close when full rather than when this window does (ADR 0034).
     */
    static final int IN_FLIGHT_BYTES = 32 << 20;
    /** Revisions parsed and not yet spooled at most: their texts are what an import holds in memory while read. */
    private static final int PARSED_AHEAD = 32;

    private final ImportProducer producer;
    private final RevisionFactory revisions;
    private final ImportRegistry registry;
    private final ManagedExecutor executor;
    private final long maxImportBytes;
    private final Path spoolDirectory;
    private final ImportedRevisionTraces traces;
    private final ImportMetrics metrics;

    public RevisionImporter(ImportProducer producer, RevisionFactory revisions, ImportRegistry registry,
                            ManagedExecutor executor, ImportedRevisionTraces traces, ImportMetrics metrics,
                            @ConfigProperty(name = "palimpsest.ingest.max-import-size") MemorySize maxImportSize,
                            @ConfigProperty(name = "palimpsest.ingest.import-spool-directory") Path spoolDirectory) {
        this.producer = producer;
        this.revisions = revisions;
        this.registry = registry;
        this.executor = executor;
        this.maxImportBytes = maxImportSize.asLongValue();
        this.spoolDirectory = spoolDirectory;
        this.traces = traces;
        this.metrics = metrics;
    }

    /**
     * Receives, reads and validates an export, spooling its revisions' events, then starts publishing them.
     *
     * @throws ProblemException when the document as a whole is refused (nothing is published then)
     */
    public ImportReport start(InputStream body, String databaseOverride, String requestId) {
        if (databaseOverride != null && !DATABASE_NAME.matcher(databaseOverride).matches()) {
            throw new ProblemException(IngestProblem.INVALID_PARAMETER,
                    "database: a wiki database name such as enwiki (lowercase letters, digits, underscores)");
        }
        // the id is settled before the reading: every spooled event names its import
        String importId = UUID.randomUUID().toString();
        Path spool = createSpool();
        Upload upload = new Upload(body, maxImportBytes);
        try {
            MediaWikiDumpReader.Totals totals;
            long xmlBytes;
            long spooledBytes;
            try (ImportSpool.Writer writer = new ImportSpool.Writer(spool);
                 CountingInputStream xml = new CountingInputStream(Decompression.open(upload))) {
                totals = read(xml, databaseOverride, importId, requestId, writer);
                xmlBytes = xml.count();
                // what follows the document (a compressed stream's end) still counts against the limit
                upload.transferTo(OutputStream.nullOutputStream());
            } catch (DumpFormatException | IOException | UncheckedIOException e) {
                throw upload.refusal(e);
            }
            spooledBytes = Files.size(spool);
            ImportProgress progress = new ImportProgress(importId, registry.instanceId(), totals.database(),
                    upload.count(), totals.pages(), totals.revisions());
            progress.xmlBytesRead(xmlBytes);
            // recorded where every ingest instance reads it before the 202 names it
            ImportReport accepted = registry.add(progress);
            SpanContext request = traces.currentRequest();
            metrics.started();
            executor.execute(() -> publishAll(spool, progress, request));
            LOG.infof("import %s: %d pages, %d revisions of %s (export schema %s), %d bytes of XML read and"
                            + " spooled in %d bytes, publishing", importId, totals.pages(), totals.revisions(),
                    totals.database(), totals.root().schemaVersion(), xmlBytes, spooledBytes);
            if (!totals.root().knownVersion()) {
                LOG.warnf("import %s: export schema %s is newer than %s; elements this reader does not know are"
                        + " skipped", importId, totals.root().schemaVersion(), ExportRoot.NEWEST_KNOWN);
            }
            return accepted;
        } catch (IOException e) {
            delete(spool);
            throw new UncheckedIOException("cannot read the import spool " + spool, e);
        } catch (RuntimeException e) {
            delete(spool);
            throw e;
        }
    }

    /**
     * The one reading: every revision made into its event (or refused by the rules) and spooled. Nothing is
     * published here.
     */
    private MediaWikiDumpReader.Totals read(InputStream xml, String databaseOverride, String importId,
                                            String requestId, ImportSpool.Writer writer) throws DumpFormatException {
        // the parser goes on while a second thread makes the events and spools them (ADR 0034)
        HandOff<DumpItem> spooling = new HandOff<>(PARSED_AHEAD, item -> spool(item, importId, requestId, writer),
                executor);
        try {
            MediaWikiDumpReader.Totals totals = new MediaWikiDumpReader(databaseOverride).read(xml, spooling);
            spooling.finish();
            return totals;
        } catch (DumpFormatException | RuntimeException e) {
            spooling.abandon();
            throw e;
        }
    }

    /** Makes one parsed item into its spool entry: a revision's event (or why the rules refuse it), a rejection. */
    private void spool(DumpItem item, String importId, String requestId, ImportSpool.Writer writer) {
        try {
            if (item instanceof DumpRejection rejection) {
                writer.rejection(rejection.pageTitle(), rejection.revId(), rejection.reason());
                return;
            }
            DumpRevision revision = (DumpRevision) item;
            RevisionFactory.Outcome outcome = revisions.imported(revision, importId, requestId);
            if (outcome.event() == null) {
                writer.rejection(revision.pageTitle(), revision.revId(), outcome.reason());
            } else {
                writer.revision(outcome.event().articleKey(), EventFrame.write(outcome.event()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path createSpool() {
        try {
            Files.createDirectories(spoolDirectory);
            return Files.createTempFile(spoolDirectory, "palimpsest-import-", ".spool.zst");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spool file in " + spoolDirectory, e);
        }
    }

    private void publishAll(Path spool, ImportProgress progress, SpanContext request) {
        Semaphore window = new Semaphore(IN_FLIGHT_BYTES);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (ImportSpool.Reader reader = new ImportSpool.Reader(spool)) {
            for (ImportSpool.Entry entry; failure.get() == null && (entry = reader.next()) != null; ) {
                if (entry instanceof ImportSpool.Rejection rejection) {
                    progress.rejected(rejection.pageTitle(), rejection.revId(), rejection.reason());
                    metrics.revisionRejected();
                    continue;
                }
                ImportSpool.Revision revision = (ImportSpool.Revision) entry;
                // one event larger than the window (a revision is at most max-body-size) takes all of it
                int held = Math.min(revision.event().length, IN_FLIGHT_BYTES);
                window.acquireUninterruptibly(held);
                Context trace = traces.startRevision(request, progress.importId(), revision.articleKey());
                producer.send(revision.articleKey(), revision.event(), trace).whenComplete((ok, error) -> {
                    Span.fromContext(trace).end();
                    if (error == null) {
                        progress.published();
                        metrics.revisionPublished();
                    } else {
                        failure.compareAndSet(null, error);
                    }
                    window.release(held);
                });
            }
        } catch (IOException | RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            window.acquireUninterruptibly(IN_FLIGHT_BYTES); // every send answered
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

    private static void delete(Path spool) {
        try {
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            LOG.warnf("could not delete the spool file %s: %s", spool, e.getMessage());
        }
    }

    /** Counts the bytes read. */
    private static class CountingInputStream extends FilterInputStream {
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

    /**
     * The upload as it arrives: counted, cut off beyond the import limit, and remembering why it failed, so that a
     * failure of the reading is answered for what it was (too large, broken off, empty) rather than as bad XML.
     */
    private static final class Upload extends CountingInputStream {
        private final long limit;
        private IOException brokeOff;
        private boolean tooLarge;

        Upload(InputStream body, long limit) {
            super(body);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (tooLarge) {
                throw new IOException("the upload exceeds the limit of " + limit + " bytes");
            }
            try {
                int n = super.read(buffer, offset, length);
                if (count() > limit) {
                    tooLarge = true;
                    throw new IOException("the upload exceeds the limit of " + limit + " bytes");
                }
                return n;
            } catch (IOException e) {
                if (!tooLarge && brokeOff == null) {
                    brokeOff = e;
                }
                throw e;
            }
        }

        /**
         * Left open: the XML parser closes what it reads at the document's end, but what follows the document (a
         * compressed stream's trailer, padding) is still to be drained and counted; the request owns the body.
         */
        @Override
        public void close() {
        }

        /** The problem that answers a failed reading of this upload. */
        ProblemException refusal(Exception readingFailure) {
            if (tooLarge) {
                return new ProblemException(IngestProblem.IMPORT_TOO_LARGE,
                        "the upload exceeds the limit of " + limit + " bytes");
            }
            if (brokeOff != null) {
                return new ProblemException(IngestProblem.INVALID_DUMP,
                        "the upload broke off: " + MediaWikiDumpReader.describe(brokeOff));
            }
            if (count() == 0) {
                return new ProblemException(IngestProblem.INVALID_DUMP, "the body is empty; expected a MediaWiki"
                        + " XML export (plain, gzip, bzip2, xz or LZMA)");
            }
            if (readingFailure instanceof DumpFormatException) {
                return new ProblemException(IngestProblem.INVALID_DUMP, readingFailure.getMessage());
            }
            if (readingFailure instanceof UncheckedIOException spoolFailure) {
                throw spoolFailure;
            }
            return new ProblemException(IngestProblem.INVALID_DUMP,
                    "cannot read the upload: " + MediaWikiDumpReader.describe(readingFailure));
        }
    }
}
