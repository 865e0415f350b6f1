package dev.palimpsest.bench;

import dev.palimpsest.devstack.testing.AsOfLookups;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The as-of figure: the same random (article, time) lookups, warm, from several clients at once, over HTTP
 * ({@code GET /articles/{key}/as-of?t=…}, {@code Accept: text/plain}: the text as stored, streamed; a kept-alive
 * connection per client, {@link MeasuredHttp}) and, as the
 * anchor, over raw JDBC on the read model's database (one prepared statement per client, the text read whole).
 * Each side first runs {@code warmUp} lookups unmeasured, then {@code requests} measured ones shared by the
 * clients; throughput is measured requests over the measured wall time.
 */
final class AsOfLoad {

    /** Where an article's revisions lie in time: a lookup asks about an instant between them. */
    record Span(String articleKey, Instant first, Instant last) {
    }

    /** One side's result. */
    record Result(int requests, Duration wall, Latencies latencies) {

        double perSecond() {
            return requests / (wall.toNanos() / 1e9);
        }
    }

    /**
     * The read model's as-of lookup in SQL, for query-service's schema since texts are packs (V10__text_packs.sql,
     * ADR 0026): the revision at or before the instant and the bytes of the pack that holds its text. This is the
     * database's share of the work; the service also unpacks the text (usually from its cache), which SQL cannot.
     */
    static final String DEFAULT_SQL = AsOfLookups.ANCHOR_SQL;

    private final List<Span> spans;
    private final int clients;
    private final int warmUp;
    private final int requests;
    private final long seed;

    AsOfLoad(List<Span> spans, int clients, int warmUp, int requests, long seed) {
        if (spans.isEmpty()) {
            throw new IllegalArgumentException("no articles to look up");
        }
        this.spans = List.copyOf(spans);
        this.clients = clients;
        this.warmUp = warmUp;
        this.requests = requests;
        this.seed = seed;
    }

    /** The i-th lookup, the same on both sides: an article drawn at random, a time between its first and last. */
    record Lookup(String articleKey, Instant at) {
    }

    static List<Lookup> lookups(List<Span> spans, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Lookup> lookups = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Span span = spans.get(random.nextInt(spans.size()));
            long from = span.first().getEpochSecond();
            long to = span.last().getEpochSecond();
            long at = to > from ? from + random.nextLong(to - from + 1) : from;
            lookups.add(new Lookup(span.articleKey(), Instant.ofEpochSecond(at)));
        }
        return lookups;
    }

    /**
     * Lets the read model's database settle before the load: right after an import PostgreSQL is still writing it out
     * and has not analysed the new rows, and the anchor alone then moved between 300 and 8,000 lookups a second from
     * run to run. A checkpoint and {@code VACUUM (ANALYZE)} (what autovacuum would do a little later) make both
     * sides start from the same quiet state. Returns how long it took.
     */
    static Duration settle(String jdbcUrl, String user, String password) throws SQLException {
        long begin = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("VACUUM (ANALYZE)");
            statement.execute("CHECKPOINT");
        }
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    Result overHttp(URI queryUrl) throws Exception {
        try (MeasuredHttp http = new MeasuredHttp(clients, Duration.ofSeconds(30))) {
            return measure(() -> lookup -> http.get(queryUrl.resolve("/articles/"
                    + URLEncoder.encode(lookup.articleKey(), StandardCharsets.UTF_8).replace("+", "%20")
                    + "/as-of?t=" + lookup.at()), "text/plain"));
        }
    }

    Result overJdbc(String jdbcUrl, String user, String password, String sql) throws Exception {
        return measure(() -> {
            Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
            PreparedStatement statement = connection.prepareStatement(sql);
            return new Client() {
                @Override
                public void look(Lookup lookup) throws SQLException {
                    statement.setString(1, lookup.articleKey());
                    statement.setTimestamp(2, Timestamp.from(lookup.at()));
                    try (ResultSet rows = statement.executeQuery()) {
                        if (!rows.next() || rows.getBytes(1) == null) {
                            throw new SQLException("no revision of " + lookup.articleKey() + " at " + lookup.at());
                        }
                    }
                }

                @Override
                public void close() throws SQLException {
                    connection.close();
                }
            };
        });
    }

    /** What one client does with a lookup; may throw to fail the run. */
    private interface Client extends AutoCloseable {
        void look(Lookup lookup) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    private interface ClientFactory {
        Client create() throws Exception;
    }

    private Result measure(ClientFactory factory) throws Exception {
        List<Lookup> warm = lookups(spans, warmUp, seed ^ 0x5DEECE66DL);
        List<Lookup> measured = lookups(spans, requests, seed);
        List<Client> perClient = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            perClient.add(factory.create());
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            AsOfLookups.timed(pool, perClient, warm, new long[warm.size()], Client::look);
            long[] nanos = new long[measured.size()];
            long begin = System.nanoTime();
            AsOfLookups.timed(pool, perClient, measured, nanos, Client::look);
            Duration wall = Duration.ofNanos(System.nanoTime() - begin);
            return new Result(measured.size(), wall, new Latencies(nanos));
        } finally {
            pool.shutdownNow();
            for (Client client : perClient) {
                client.close();
            }
        }
    }

}
