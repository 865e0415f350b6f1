package dev.palimpsest.archive.history;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.MainText;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.Provenance;
import dev.palimpsest.events.RevisionSubmitted;
import dev.palimpsest.events.SubmittedEvent;
import dev.palimpsest.events.Topics;
import dev.palimpsest.events.Utf8Text;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tukaani.xz.LZMAInputStream;

import javax.sql.DataSource;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Not a test: the archive database's bytes a revision after the whole Anarchism history (15,180 revisions) is
 * archived, in batches of 200 as the consumer hands them over, straight through {@link RevisionArchiver} (no Kafka,
 * no ingest: the archive's storage alone). Prints pg_total_relation_size of each table (heap, TOAST, indexes), as
 * written and after VACUUM FULL. Takes minutes:
 * {@code ./mvnw -pl archive-service test -Dtest=ArchiveSizeMeasurement -Dpalimpsest.measure.archive=true}; add
 * {@code -Dpalimpsest.measure.revisions=N} for the first N revisions only (a quick before/after, not the figure).
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))
@EnabledIfSystemProperty(named = "palimpsest.measure.archive", matches = "true")
class ArchiveSizeMeasurement {

    /** Every event as if read from partition 0: archived to transparency log 0. */
    private static final ToIntFunction<SubmittedEvent> ONE_PARTITION = event -> 0;

    private static final int BATCH = 200;
    private static final String KEY = "enwiki:Anarchism";

    @Inject
    RevisionArchiver archiver;

    @Inject
    DataSource dataSource;

    @Test
    void measure() throws Exception {
        int limit = Integer.getInteger("palimpsest.measure.revisions", Integer.MAX_VALUE);
        Path dump = Path.of(System.getProperty("palimpsest.data", "../data"), "wiki",
                "enwiki_Anarchism_history_2001-2010.xml.lzma");
        long start = System.nanoTime();
        int revisions = 0;
        List<RevisionSubmitted> batch = new ArrayList<>();
        try (InputStream in = new LZMAInputStream(new BufferedInputStream(Files.newInputStream(dump), 1 << 16))) {
            XMLStreamReader reader = XMLInputFactory.newFactory().createXMLStreamReader(in, "UTF-8");
            String revId = null;
            String timestamp = null;
            String comment = null;
            String user = null;
            boolean inRevision = false;
            while (revisions < limit && reader.hasNext()) {
                if (reader.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (reader.getLocalName()) {
                    case "revision" -> {
                        inRevision = true;
                        revId = null;
                        comment = null;
                        user = null;
                    }
                    case "id" -> {
                        String id = reader.getElementText();
                        if (inRevision && revId == null) {
                            revId = id;
                        }
                    }
                    case "timestamp" -> timestamp = reader.getElementText();
                    case "comment" -> comment = reader.getElementText();
                    case "username", "ip" -> user = reader.getElementText();
                    case "text" -> {
                        String text = reader.getElementText();
                        batch.add(new RevisionSubmitted(RevisionSubmitted.SCHEMA,
                                EventMeta.now(Topics.REVISIONS_SUBMITTED, "measurement"), KEY,
                                new Provenance("Anarchism", Instant.parse(timestamp), Long.parseLong(revId), null,
                                user == null ? null : Performer.named(user), comment), new MainText(Utf8Text.of(text),
                                ContentHash.sha1Hex(text), ContentHash.utf8Length(text)), "rev:" + revId));
                        revisions++;
                        inRevision = false;
                        if (batch.size() == BATCH) {
                            archiver.archiveAll(batch, ONE_PARTITION);
                            batch.clear();
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            archiver.archiveAll(batch, ONE_PARTITION);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(Math.min(limit, 15_180), revisions);
        System.out.printf(Locale.ROOT, "archived %d revisions in %.1f s (parse included)%n", revisions, seconds);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            report(statement, revisions, "as written");
            statement.execute("VACUUM FULL");
            report(statement, revisions, "after VACUUM FULL");
        }
    }

    private static void report(Statement statement, int revisions, String when) throws Exception {
        long total = 0;
        StringBuilder tables = new StringBuilder();
        try (ResultSet rows = statement.executeQuery("""
                SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY 2 DESC""")) {
            while (rows.next()) {
                total += rows.getLong(2);
                tables.append(String.format(Locale.ROOT, "  %-28s %,14d B  %,8.0f B a revision%n", rows.getString(1),
                        rows.getLong(2), rows.getLong(2) / (double) revisions));
            }
        }
        try (ResultSet rows = statement.executeQuery("""
                SELECT t.relname, i.relname, pg_relation_size(i.oid) FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = current_schema() AND t.relname NOT LIKE 'flyway%' ORDER BY 3 DESC""")) {
            while (rows.next()) {
                tables.append(String.format(Locale.ROOT, "    index %-28s %,12d B  %,8.0f B a revision%n",
                        rows.getString(1) + "." + rows.getString(2), rows.getLong(3),
                        rows.getLong(3) / (double) revisions));
            }
        }
        long database;
        try (ResultSet row = statement.executeQuery("SELECT pg_database_size(current_database())")) {
            row.next();
            database = row.getLong(1);
        }
        System.out.printf(Locale.ROOT, "%s: all tables %,d B = %,.0f B a revision; pg_database_size %,d B = %,.0f B a"
                + " revision%n%s", when, total, total / (double) revisions, database, database / (double) revisions,
                tables);
    }
}
