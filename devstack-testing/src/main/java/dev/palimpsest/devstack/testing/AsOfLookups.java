package dev.palimpsest.devstack.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The as-of load as the bench runs it ({@code ./palimpsest bench compare}) and as query-service's in-process
 * measurement repeats it: one place for its anchor statement and for how its clients share the lookups, so the two
 * figures stay comparable.
 */
public final class AsOfLookups {

    /**
     * The raw-JDBC anchor: the revision at or before an instant and its pack's bytes, in one statement on the read
     * model's database (parameters: article key, instant). {@code rev_sha1} is {@code text} and {@code text.sha1} is
     * {@code char(40)}: the cast lets the join use {@code text}'s primary key instead of reading every text row of
     * the article.
     */
    public static final String ANCHOR_SQL = "SELECT p.bytes FROM revision r"
            + " JOIN text t ON t.article_key = r.article_key AND t.sha1 = r.rev_sha1::char(40)"
            + " JOIN text_pack p ON p.pack_id = t.pack_id"
            + " WHERE r.article_key = ? AND r.rev_timestamp <= ?"
            + " ORDER BY r.rev_timestamp DESC, r.rev_seq DESC LIMIT 1";

    private AsOfLookups() {
    }

    /** One lookup by one client. */
    @FunctionalInterface
    public interface Look<C, L> {
        void look(C client, L lookup) throws Exception;
    }

    /**
     * Runs {@code lookups} on {@code pool}, each client taking the next one from one queue (a shared counter) until
     * none is left; {@code nanos[i]} receives how long lookup {@code i} took.
     */
    public static <C, L> void timed(ExecutorService pool, List<C> clients, List<L> lookups, long[] nanos,
                                    Look<C, L> look) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (C client : clients) {
            running.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < lookups.size(); i = next.getAndIncrement()) {
                    long begin = System.nanoTime();
                    look.look(client, lookups.get(i));
                    nanos[i] = System.nanoTime() - begin;
                }
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
    }
}
