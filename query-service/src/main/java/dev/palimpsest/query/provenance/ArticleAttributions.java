package dev.palimpsest.query.provenance;

import dev.palimpsest.provenance.ArticleProvenance;
import dev.palimpsest.provenance.Attribution;
import dev.palimpsest.provenance.WikitextTokens;
import dev.palimpsest.query.readmodel.EditPosition;
import dev.palimpsest.query.readmodel.RevisionReads;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Brings an article's provenance up to date with its revisions (ADR 0044): attributes, in edit order, the revisions
 * archived since it last looked, with the article's {@link ArticleProvenance} kept in memory between calls, and
 * stores one row per attributed revision. The whole article is attributed again, from its first revision, when it
 * has no state here (a restart, another instance attributed it last), when a revision was archived before the last
 * attributed one in edit order (a backfill), when a text attributed became unreadable (a redaction or erasure marks
 * the article stale in the same transaction), or when the tokenizer changed.
 *
 * <p>A revision whose text cannot be read (hidden at its source, redacted, erased) is not attributed: it has no
 * provenance and introduces no token; what it added and a later revision keeps is credited to that later revision.
 * So nothing derived from an erased text remains once the article is attributed again.
 *
 * <p>Concurrency: one call per article at a time across every instance sharing the database (a transaction-level
 * advisory lock; a call that does not get it answers {@link Outcome#BUSY} at once), and one attribution of a whole
 * history at a time per instance (likewise). The rows and the progress are written in that one transaction: a crash
 * leaves the article as it was before the call. A state is out of the cache while a call changes it and goes back
 * only after its transaction committed.
 */
@Unremovable
@ApplicationScoped
public class ArticleAttributions {

    /** What a call did. */
    public enum Outcome { UP_TO_DATE, ATTRIBUTED, BUSY, NO_ARTICLE }

    private static final Logger LOG = Logger.getLogger(ArticleAttributions.class);
    private static final int LOCK_SPACE = 0x50524f56; // "PROV": the first key of the advisory lock
    private static final int BATCH_ROWS = 256;
    private static final long PROGRESS_LOG_EVERY = 1_000;

    private final AgroalDataSource dataSource;
    private final RevisionReads reads;
    private final long cacheBytes;
    private final Timer incremental;
    private final Timer wholeHistory;
    private final Object cacheLock = new Object();
    private final java.util.concurrent.Semaphore wholeHistories = new java.util.concurrent.Semaphore(1);
    /** States of recently attributed articles, least recently used first. */
    private final LinkedHashMap<String, State> states = new LinkedHashMap<>(16, 0.75f, true);

    public ArticleAttributions(AgroalDataSource dataSource, RevisionReads reads, MeterRegistry registry,
                               @ConfigProperty(name = "palimpsest.query.provenance.cache-bytes") long cacheBytes) {
        this.dataSource = dataSource;
        this.reads = reads;
        this.cacheBytes = cacheBytes;
        this.incremental = Timer.builder("palimpsest.query.provenance.attribution")
                .description("Time to attribute the revisions an article got since its last attribution, per"
                        + " revision attributed: reading its text, attributing it, storing its row")
                .tag("from", "last").publishPercentileHistogram().register(registry);
        this.wholeHistory = Timer.builder("palimpsest.query.provenance.attribution")
                .description("Time to attribute the revisions an article got since its last attribution, per"
                        + " revision attributed: reading its text, attributing it, storing its row")
                .tag("from", "first").publishPercentileHistogram().register(registry);
    }

    /** An article's state in memory, and how far it got. */
    private static final class State {
        final ArticleProvenance provenance = new ArticleProvenance();
        int revisionsSeen;
        EditPosition last;
        int checkpointSeq;

        boolean matches(Progress progress) {
            return progress != null && !progress.stale() && progress.tokenizer().equals(WikitextTokens.VERSION)
                    && progress.revisionsSeen() == revisionsSeen
                    && progress.attributed() == provenance.revisions()
                    && java.util.Objects.equals(progress.last(), last);
        }
    }

    /** The row of {@code provenance_article}. */
    record Progress(String tokenizer, int revisionsSeen, long attributed, EditPosition last, int staleMarks,
                    int attributedMarks) {
        boolean stale() {
            return staleMarks != attributedMarks;
        }
    }

    /**
     * Attributes what the article's provenance lacks; in a request context of its own, since texts are read
     * through the ORM.
     */
    @ActivateRequestContext
    public Outcome catchUp(String articleKey) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            State[] changed = {null};
            try {
                Outcome outcome = catchUp(connection, articleKey, changed);
                connection.commit();
                if (changed[0] != null) {
                    remember(articleKey, changed[0]); // only what the database now holds goes back in the cache
                }
                return outcome;
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("attributing the tokens of " + articleKey, e);
        }
    }

    /** Marks the article's provenance stale: the next catch-up attributes it from its first revision. */
    public void markStale(String articleKey) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE provenance_article SET stale_marks = stale_marks + 1 WHERE article_key = ?")) {
            update.setString(1, articleKey);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("marking the provenance of " + articleKey + " stale", e);
        }
    }

    private Outcome catchUp(Connection connection, String articleKey, State[] changed) throws SQLException {
        if (!tryLock(connection, articleKey)) {
            return Outcome.BUSY;
        }
        Integer revisionCount = revisionCount(connection, articleKey);
        if (revisionCount == null) {
            return Outcome.NO_ARTICLE;
        }
        Progress progress = progress(connection, articleKey);
        if (progress != null && !progress.stale() && progress.tokenizer().equals(WikitextTokens.VERSION)
                && progress.revisionsSeen() == revisionCount) {
            return Outcome.UP_TO_DATE; // revisions are only ever added: every one is attributed, no state needed
        }
        // out of the cache while it changes: no other thread sees it half done, and a failure drops it
        State state = take(articleKey);
        boolean fromStart = state == null || !state.matches(progress)
                || countAfter(connection, articleKey, state.last) + state.revisionsSeen != revisionCount;
        if (fromStart) {
            // a whole history holds a state of tens of megabytes while it is attributed: one at a time
            if (!wholeHistories.tryAcquire()) {
                if (state != null) {
                    remember(articleKey, state);
                }
                return Outcome.BUSY;
            }
            try {
                state = new State();
                delete(connection, articleKey);
                attribute(connection, articleKey, state, true);
            } finally {
                wholeHistories.release();
            }
        } else {
            attribute(connection, articleKey, state, false);
        }
        saveProgress(connection, articleKey, state, progress == null ? 0 : progress.staleMarks());
        changed[0] = state;
        return Outcome.ATTRIBUTED;
    }

    private void attribute(Connection connection, String articleKey, State state, boolean fromStart)
            throws SQLException {
        long started = System.nanoTime();
        int before = (int) state.provenance.revisions();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO provenance (article_key, rev_seq, edit_index, checkpoint_seq, token_count, first_added,
                                        added, tokens)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (article_key, rev_seq) DO UPDATE SET edit_index = excluded.edit_index,
                    checkpoint_seq = excluded.checkpoint_seq, token_count = excluded.token_count,
                    first_added = excluded.first_added, added = excluded.added, tokens = excluded.tokens""")) {
            int[] pending = {0};
            SQLException[] failure = {null};
            reads.inEditOrder(connection, articleKey, fromStart ? null : state.last, revision -> {
                if (failure[0] != null) {
                    return;
                }
                state.revisionsSeen++;
                state.last = EditPosition.of(revision);
                String text = revision.text();
                if (text == null) {
                    return; // hidden, redacted or erased: not attributed (see the class comment)
                }
                Attribution attribution = state.provenance.attribute(revision.revSeq, text);
                if (attribution.checkpoint()) {
                    state.checkpointSeq = revision.revSeq;
                }
                try {
                    insert.setString(1, articleKey);
                    insert.setInt(2, revision.revSeq);
                    insert.setInt(3, attribution.index());
                    insert.setInt(4, state.checkpointSeq);
                    insert.setInt(5, attribution.tokens().length);
                    insert.setInt(6, attribution.firstAdded());
                    insert.setInt(7, attribution.added());
                    insert.setBytes(8, attribution.stored());
                    insert.addBatch();
                    if (++pending[0] % BATCH_ROWS == 0) {
                        insert.executeBatch();
                    }
                } catch (SQLException e) {
                    failure[0] = e;
                }
                if (fromStart && attribution.index() > 0 && attribution.index() % PROGRESS_LOG_EVERY == 0) {
                    LOG.infof("attributing the tokens of %s: %d revisions so far", articleKey,
                            attribution.index());
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            insert.executeBatch();
        }
        long attributed = state.provenance.revisions() - before;
        long nanos = System.nanoTime() - started;
        if (attributed > 0) {
            // per revision: what one more revision costs, whether it came alone or with a whole history
            Timer timer = fromStart ? wholeHistory : incremental;
            long each = nanos / attributed;
            for (long k = 0; k < attributed; k++) {
                timer.record(each, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        }
        if (fromStart && attributed > 0) {
            LOG.infof("attributed the tokens of %s from its first revision: %d revisions in %d ms", articleKey,
                    attributed, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private State take(String articleKey) {
        synchronized (cacheLock) {
            return states.remove(articleKey);
        }
    }

    /** Keeps {@code state}, dropping the least recently used others beyond the cache's bytes (never this one). */
    private void remember(String articleKey, State state) {
        synchronized (cacheLock) {
            states.put(articleKey, state);
            long total = 0;
            for (State each : states.values()) {
                total += each.provenance.approximateBytes();
            }
            Iterator<Map.Entry<String, State>> oldestFirst = states.entrySet().iterator();
            while (total > cacheBytes && oldestFirst.hasNext()) {
                Map.Entry<String, State> entry = oldestFirst.next();
                if (entry.getValue() != state) {
                    total -= entry.getValue().provenance.approximateBytes();
                    oldestFirst.remove();
                }
            }
        }
    }

    private static boolean tryLock(Connection connection, String articleKey) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_try_advisory_xact_lock(?, hashtext(?))")) {
            lock.setInt(1, LOCK_SPACE);
            lock.setString(2, articleKey);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private static Integer revisionCount(Connection connection, String articleKey) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT revision_count FROM article WHERE article_key = ?")) {
            select.setString(1, articleKey);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getInt(1) : null;
            }
        }
    }

    private static int countAfter(Connection connection, String articleKey, EditPosition after) throws SQLException {
        if (after == null) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT count(*) FROM revision WHERE article_key = ?")) {
                select.setString(1, articleKey);
                return count(select);
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM revision"
                + " WHERE article_key = ? AND (rev_timestamp, coalesce(rev_id, 0), rev_seq) > (?, ?, ?)")) {
            select.setString(1, articleKey);
            select.setObject(2, OffsetDateTime.ofInstant(after.revTimestamp(), ZoneOffset.UTC));
            select.setLong(3, after.tieBreak());
            select.setInt(4, after.revSeq());
            return count(select);
        }
    }

    private static int count(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    static Progress progress(Connection connection, String articleKey) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT tokenizer, revisions_seen, attributed,"
                + " last_rev_timestamp, last_tie_break, last_rev_seq, stale_marks, attributed_marks"
                + " FROM provenance_article"
                + " WHERE article_key = ?")) {
            select.setString(1, articleKey);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                OffsetDateTime lastTime = row.getObject(4, OffsetDateTime.class);
                EditPosition last = lastTime == null ? null
                        : new EditPosition(lastTime.toInstant(), row.getLong(5), row.getInt(6));
                return new Progress(row.getString(1), row.getInt(2), row.getLong(3), last, row.getInt(7),
                        row.getInt(8));
            }
        }
    }

    private static void delete(Connection connection, String articleKey) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM provenance WHERE article_key = ?")) {
            delete.setString(1, articleKey);
            delete.executeUpdate();
        }
    }

    /**
     * Records how far the article is attributed; {@code marks} is the count of stale marks the attribution started
     * from (a mark made meanwhile keeps the article stale: stale_marks is never written here).
     */
    private static void saveProgress(Connection connection, String articleKey, State state, int marks)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO provenance_article (article_key, tokenizer, revisions_seen, attributed,
                                                last_rev_timestamp, last_tie_break, last_rev_seq, stale_marks,
                                                attributed_marks)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (article_key) DO UPDATE SET tokenizer = excluded.tokenizer,
                    revisions_seen = excluded.revisions_seen, attributed = excluded.attributed,
                    last_rev_timestamp = excluded.last_rev_timestamp, last_tie_break = excluded.last_tie_break,
                    last_rev_seq = excluded.last_rev_seq, attributed_marks = excluded.attributed_marks""")) {
            upsert.setString(1, articleKey);
            upsert.setString(2, WikitextTokens.VERSION);
            upsert.setInt(3, state.revisionsSeen);
            upsert.setLong(4, state.provenance.revisions());
            Instant lastTime = state.last == null ? null : state.last.revTimestamp();
            upsert.setObject(5, lastTime == null ? null : OffsetDateTime.ofInstant(lastTime, ZoneOffset.UTC));
            if (state.last == null) {
                upsert.setNull(6, java.sql.Types.BIGINT);
                upsert.setNull(7, java.sql.Types.INTEGER);
            } else {
                upsert.setLong(6, state.last.tieBreak());
                upsert.setInt(7, state.last.revSeq());
            }
            upsert.setInt(8, marks);
            upsert.setInt(9, marks);
            upsert.executeUpdate();
        }
    }
}
