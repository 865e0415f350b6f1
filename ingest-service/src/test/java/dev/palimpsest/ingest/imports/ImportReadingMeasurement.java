package dev.palimpsest.ingest.imports;

import dev.palimpsest.events.kafka.EventFrame;
import dev.palimpsest.ingest.mediawiki.Decompression;
import dev.palimpsest.ingest.mediawiki.DumpItem;
import dev.palimpsest.ingest.mediawiki.DumpRevision;
import dev.palimpsest.ingest.mediawiki.MediaWikiDumpReader;
import dev.palimpsest.ingest.revision.RevisionFactory;
import dev.palimpsest.ingest.revision.RevisionRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The one reading of an import (ADR 0034), timed over a real history without a broker: the dump decompressed,
 * parsed, each revision made into its event, serialized and spooled, exactly as {@code RevisionImporter} chains them,
 * on one thread and on two ({@link HandOff}). A measurement, not a test: run it with
 * {@code ./mvnw -pl ingest-service test -Dtest=ImportReadingMeasurement -Dpalimpsest.measure.import=true
 * [-Dpalimpsest.measure.dump=FILE] -DargLine="-XX:+UseSerialGC -Xmx256m -Xms32m"} and read its output.
 */
@EnabledIfSystemProperty(named = "palimpsest.measure.import", matches = "true")
class ImportReadingMeasurement {

    private static final Path DUMP = Path.of(System.getProperty("palimpsest.measure.dump",
            Path.of(System.getProperty("user.dir")).resolve(
                    "../data/wiki/enwiki_Anarchism_history_2001-2010.xml.lzma").normalize().toString()));

    @TempDir
    Path directory;

    @Test
    void oneThreadAndTwo() throws Exception {
        RevisionFactory factory = new RevisionFactory(new RevisionRules(Clock.systemUTC(), Duration.ofMinutes(5),
                10L << 20));
        ExecutorService executor = Executors.newCachedThreadPool();
        try {
            for (int round = 0; round < 2; round++) {
                long one = read(factory, null);
                long two = read(factory, executor);
                assertEquals(one, two, "both readings spool every revision");
            }
        } finally {
            executor.shutdownNow();
        }
    }

    /** One reading into a spool; prints its time; returns the revisions spooled. */
    private long read(RevisionFactory factory, ExecutorService executor) throws Exception {
        Path spool = Files.createTempFile(directory, "measure-", ".spool.zst");
        long[] revisions = new long[1];
        long began = System.nanoTime();
        try (InputStream xml = Decompression.open(new BufferedInputStream(Files.newInputStream(DUMP), 1 << 16));
             ImportSpool.Writer writer = new ImportSpool.Writer(spool)) {
            Consumer<DumpItem> spooling = item -> {
                if (item instanceof DumpRevision revision) {
                    RevisionFactory.Outcome outcome = factory.imported(revision, "measurement", null);
                    if (outcome.event() != null) {
                        try {
                            writer.revision(outcome.event().articleKey(), EventFrame.write(outcome.event()));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        revisions[0]++;
                    }
                }
            };
            if (executor == null) {
                new MediaWikiDumpReader(null).read(xml, spooling);
            } else {
                HandOff<DumpItem> handOff = new HandOff<>(32, spooling, executor);
                new MediaWikiDumpReader(null).read(xml, handOff);
                handOff.finish();
            }
        }
        System.out.printf("%s: %d revisions read and spooled in %.1f s, spool %,d B%n",
                executor == null ? "one thread" : "two threads", revisions[0], (System.nanoTime() - began) / 1e9,
                Files.size(spool));
        Files.delete(spool);
        return revisions[0];
    }
}
