package dev.palimpsest.query.provenance;

import dev.palimpsest.provenance.WikitextTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps token provenance up to date as revisions arrive (ADR 0044): one background thread attributes the articles
 * the read model's consumer just wrote ({@link #touched}), and every {@code scan-interval} looks for articles whose
 * provenance is behind (after a restart, a rebuilt read model, a redaction, an article another instance wrote):
 * a projection of the read model, so it is rebuilt whenever the read model is. Readers never wait for it: a
 * provenance read catches its article up itself ({@link ArticleAttributions#catchUp}).
 */
@ApplicationScoped
public class ProvenanceProjection {

    private static final Logger LOG = Logger.getLogger(ProvenanceProjection.class);
    private static final int SCAN_LIMIT = 500;

    private final ArticleAttributions attributions;
    private final AgroalDataSource dataSource;
    private final boolean enabled;
    private final Duration scanInterval;
    private final LinkedHashSet<String> pending = new LinkedHashSet<>();
    private final AtomicLong attributedArticles = new AtomicLong();
    private volatile boolean stopping;
    private Thread worker;

    public ProvenanceProjection(ArticleAttributions attributions, AgroalDataSource dataSource,
                                @ConfigProperty(name = "palimpsest.query.provenance.enabled") boolean enabled,
                                @ConfigProperty(name = "palimpsest.query.provenance.scan-interval")
                                Duration scanInterval) {
        this.attributions = attributions;
        this.dataSource = dataSource;
        this.enabled = enabled;
        this.scanInterval = scanInterval;
    }

    void start(@Observes StartupEvent started) {
        if (!enabled) {
            LOG.info("token provenance is attributed only when read (palimpsest.query.provenance.enabled=false)");
            return;
        }
        worker = new Thread(this::run, "provenance-projection");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent stopped) {
        stopping = true;
        synchronized (pending) {
            pending.notifyAll();
        }
    }

    /** The read model just wrote revisions of these articles (called after its transaction committed). */
    public void touched(Collection<String> articleKeys) {
        if (!enabled || articleKeys.isEmpty()) {
            return;
        }
        synchronized (pending) {
            pending.addAll(articleKeys);
            pending.notifyAll();
        }
    }

    /** How many times an article was attributed by this projection since the service started. */
    public long attributedArticles() {
        return attributedArticles.get();
    }

    private void run() {
        long nextScan = 0;
        while (!stopping) {
            try {
                String next = nextPending(nextScan);
                if (next != null) {
                    if (attributions.catchUp(next) == ArticleAttributions.Outcome.ATTRIBUTED) {
                        attributedArticles.incrementAndGet();
                    }
                } else if (!stopping) {
                    List<String> behind = behind();
                    synchronized (pending) {
                        pending.addAll(behind);
                    }
                    nextScan = System.nanoTime() + scanInterval.toNanos();
                }
            } catch (Throwable e) { // the thread must outlive any one article's failure
                // the database away, a schema being switched: the next scan finds what is still behind
                LOG.warnf(e, "token provenance: an attribution failed; retried at the next scan");
                nextScan = System.nanoTime() + scanInterval.toNanos();
                sleepQuietly(scanInterval);
            }
        }
    }

    /** The next article to attribute, waiting for one until the next scan is due; null when it is. */
    private String nextPending(long nextScan) {
        synchronized (pending) {
            while (pending.isEmpty() && !stopping) {
                long wait = nextScan - System.nanoTime();
                if (wait <= 0) {
                    return null;
                }
                try {
                    pending.wait(Math.max(1, wait / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                    return null;
                }
            }
            if (pending.isEmpty()) {
                return null;
            }
            String first = pending.iterator().next();
            pending.remove(first);
            return first;
        }
    }

    /** Articles whose provenance is behind their revisions, missing, stale, or of another tokenizer. */
    private List<String> behind() {
        List<String> keys = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT a.article_key FROM article a
                     LEFT JOIN provenance_article p ON p.article_key = a.article_key
                     WHERE p.article_key IS NULL OR p.revisions_seen <> a.revision_count
                        OR p.stale_marks <> p.attributed_marks OR p.tokenizer <> ?
                     LIMIT ?""")) {
            select.setString(1, WikitextTokens.VERSION);
            select.setInt(2, SCAN_LIMIT);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("looking for articles whose provenance is behind", e);
        }
        return keys;
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
