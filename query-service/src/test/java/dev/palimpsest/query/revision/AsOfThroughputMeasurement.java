package dev.palimpsest.query.revision;

import dev.palimpsest.devstack.DevstackTestResource;
import dev.palimpsest.devstack.testing.AsOfLookups;
import dev.palimpsest.events.ArchiveEvent;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.EventMeta;
import dev.palimpsest.events.MainText;
import dev.palimpsest.events.Performer;
import dev.palimpsest.events.Provenance;
import dev.palimpsest.events.RevisionArchived;
import dev.palimpsest.events.TextsArchived;
import dev.palimpsest.events.Topics;
import dev.palimpsest.query.readmodel.ReadModelWriter;
import dev.palimpsest.textstore.PackCodec;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The as-of figure of {@code ./palimpsest bench compare} in one process, for a part of the read path measured on its
 * own: one article of {@code palimpsest.measure.as-of.revisions} revisions (default 2,000) of a ~40 KB text, each an
 * edit of one line, stored in packs of 32 primed with the text before them as the archive ships them; then the same
 * random as-of lookups, warm, from 4 clients, over HTTP ({@code Accept: text/plain}) and over raw JDBC (the bench's
 * anchor statement, the pack's bytes). It prints the figures and asserts none (speed belongs to the bench); run it
 * alone: {@code ./mvnw -pl query-service test -Dtest=AsOfThroughputMeasurement -Dpalimpsest.measure.as-of=true}.
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "query"))
@EnabledIfSystemProperty(named = "palimpsest.measure.as-of", matches = "true")
class AsOfThroughputMeasurement {

    private static final int CLIENTS = 4;
    private static final int WARM_UP = 500;
    private static final int REQUESTS = 2000;
    private static final int PACK_TEXTS = 32;
    private static final Instant FIRST = Instant.parse("2005-01-01T00:00:00Z");

    @Inject
    ReadModelWriter writer;

    @Test
    void asOfOverHttpBesideRawJdbc() throws Exception {
        int revisions = Integer.getInteger("palimpsest.measure.as-of.revisions", 2000);
        String key = "measure:as-of-" + UUID.randomUUID();
        store(key, revisions);
        List<Instant> warm = lookups(revisions, WARM_UP, 7);
        List<Instant> measured = lookups(revisions, REQUESTS, 11);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://localhost:" + RestAssured.port + "/articles/" + key + "/as-of?t=";
        Client overHttp = at -> {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + at))
                    .header("Accept", "text/plain").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("as-of " + at + " answered " + response.statusCode());
            }
        };
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.username", String.class);
        String password = config.getValue("quarkus.datasource.password", String.class);
        List<Connection> connections = new ArrayList<>();
        ThreadLocal<PreparedStatement> statements = ThreadLocal.withInitial(() -> {
            try {
                Connection connection = DriverManager.getConnection(url, user, password);
                synchronized (connections) {
                    connections.add(connection);
                }
                return connection.prepareStatement(AsOfLookups.ANCHOR_SQL);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Client overJdbc = at -> {
            PreparedStatement statement = statements.get();
            statement.setString(1, key);
            statement.setTimestamp(2, Timestamp.from(at));
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next() || rows.getBytes(1) == null) {
                    throw new IllegalStateException("no revision at " + at);
                }
            }
        };
        for (int round = 1; round <= 2; round++) {
            report("round " + round + " HTTP", overHttp, warm, measured);
            report("round " + round + " JDBC", overJdbc, warm, measured);
        }
        for (Connection connection : connections) {
            connection.close();
        }
    }

    private interface Client {
        void look(Instant at) throws Exception;
    }

    private static void report(String side, Client client, List<Instant> warm, List<Instant> measured)
            throws Exception {
        run(client, warm, new long[warm.size()]);
        long[] nanos = new long[measured.size()];
        long begin = System.nanoTime();
        run(client, measured, nanos);
        double seconds = (System.nanoTime() - begin) / 1e9;
        Arrays.sort(nanos);
        System.out.printf("as-of measurement, %s: %.0f lookups/s, p50 %.2f ms, p99 %.2f ms%n", side,
                measured.size() / seconds, nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6);
    }

    private static void run(Client client, List<Instant> lookups, long[] nanos) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            AsOfLookups.timed(pool, java.util.Collections.nCopies(CLIENTS, client), lookups, nanos, Client::look);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Instant> lookups(int revisions, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Instant> lookups = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lookups.add(FIRST.plus(Duration.ofMinutes(60 + random.nextLong(Math.max(1, (revisions - 1) * 60L)))));
        }
        return lookups;
    }

    /** Revision n (from 1) is edited at FIRST + n hours; its text is the one before with one line rewritten. */
    private void store(String key, int revisions) {
        SplittableRandom random = new SplittableRandom(3);
        String[] lines = new String[600];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "Line " + i + " of an article that grows and changes one edit at a time, with some words.";
        }
        String previous = null;
        for (int first = 1; first <= revisions; first += PACK_TEXTS) {
            List<String> texts = new ArrayList<>();
            List<ArchiveEvent> events = new ArrayList<>();
            for (int revSeq = first; revSeq < first + PACK_TEXTS && revSeq <= revisions; revSeq++) {
                lines[random.nextInt(lines.length)] = "Edit " + revSeq + " rewrote this line: " + random.nextLong();
                String text = String.join("\n", lines) + "\n";
                texts.add(text);
                events.add(new RevisionArchived(RevisionArchived.SCHEMA, EventMeta.now(Topics.REVISIONS_ARCHIVED,
                        null), UUID.randomUUID(), key, revSeq, new Provenance("Measured",
                                FIRST.plus(Duration.ofHours(revSeq)), 1000L + revSeq, null, new Performer(7L,
                                "Editor"), "edit " + revSeq), new MainText(null, ContentHash.sha1Hex(text),
                                ContentHash.utf8Length(text)), Instant.now()));
            }
            TextsArchived pack = new TextsArchived(TextsArchived.SCHEMA_1_1, EventMeta.now(Topics.REVISIONS_ARCHIVED,
                    null), UUID.randomUUID(), key, first, previous == null ? null : ContentHash.sha1Hex(previous),
                    texts.stream().map(ContentHash::sha1Hex).toList(),
                    texts.stream().map(t -> t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).toList(),
                    PackCodec.pack(texts, previous));
            events.add(0, pack);
            writer.applyAll(events).forEach(applied -> assertNull(applied.refusal()));
            previous = texts.get(texts.size() - 1);
        }
    }
}
