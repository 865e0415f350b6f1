package dev.palimpsest.e2e.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palimpsest.client.query.model.RevisionSummary;
import dev.palimpsest.devstack.Infrastructure;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.e2e.StackClient;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault runs' proof that every revision was archived exactly once, whatever was killed on the way: shared by
 * the single-instance runs ({@link FaultRun}) and the scaled-out one ({@link ScaleOutTest}).
 */
final class ExactlyOnce {

    /** Articles checked at once: the services have two cores to share, and mostly wait on the database. */
    static final int CHECKERS = 4;

    private ExactlyOnce() {
    }

    /**
     * Per article: the archive's rows (read from its database) and the read model's history (from the client's
     * query instance) each hold as many revisions as the input, numbered 1…n without gap or repeat, with the
     * input's multiset of text sha1s; archive's own counts of revisions and answered submissions equal n; the hash
     * chain verifies over n records.
     *
     * @param expected article key to the sha1 of each of its revisions' texts, as the export has them
     * @return one line per article, for the report
     */
    static List<String> check(PalimpsestStack stack, StackClient client, Map<String, List<String>> expected)
            throws Exception {
        Map<String, List<ArchivedRow>> archived = archivedRows(stack);
        return perArticle(expected.keySet(), key -> {
            List<String> sha1s = expected.get(key);
            int n = sha1s.size();

            List<ArchivedRow> rows = archived.getOrDefault(key, List.of());
            assertEquals(oneTo(n), rows.stream().map(ArchivedRow::revSeq).toList(),
                    key + ": archive rev_seq must be 1…" + n + ", no gap, no repeat");
            assertEquals(sorted(sha1s), sorted(rows.stream().map(ArchivedRow::sha1).toList()),
                    key + ": archive sha1 multiset");

            JsonNode status = client.archiveStatus(key);
            assertEquals(n, status.path("revisionCount").asLong(), key + ": archive revisionCount");
            assertEquals(n, status.path("submissionCount").asLong(), key + ": archive submissions answered");

            List<RevisionSummary> history = client.history(key);
            assertEquals(oneTo(n), history.stream().map(RevisionSummary::getRevSeq).toList(),
                    key + ": read model revSeq must be 1…" + n + ", no gap, no repeat");
            assertEquals(sorted(sha1s), sorted(history.stream().map(RevisionSummary::getRevSha1).toList()),
                    key + ": read model sha1 multiset");
            assertEquals(n, client.revisionCount(key), key + ": read model revisionCount");

            JsonNode chain = client.archiveVerification(key);
            assertTrue(chain.path("verified").asBoolean(), key + ": hash chain " + chain);
            assertEquals(n, chain.path("recordsChecked").asLong(), key + ": records in the chain");

            return String.format("%-12s input %5d | archive %5d rows, rev_seq 1…%d, sha1 multiset equal,"
                            + " %d submissions | read model %5d, rev_seq 1…%d, sha1 multiset equal | chain"
                            + " verified over %d records", key, n, rows.size(), n,
                    status.path("submissionCount").asLong(), history.size(), n,
                    chain.path("recordsChecked").asLong());
        });
    }

    /** What checking one article finds, for the report. */
    interface ArticleCheck {
        String check(String key) throws Exception;
    }

    /**
     * Runs {@code check} for every article, {@value #CHECKERS} at a time (a dump has hundreds of articles, and
     * each check is a few HTTP round trips that mostly wait); the lines in the keys' order. The first failure is
     * thrown as it was (an assertion's message names its article).
     */
    static List<String> perArticle(java.util.Collection<String> keys, ArticleCheck check) throws Exception {
        ExecutorService checkers = Executors.newFixedThreadPool(CHECKERS);
        try {
            List<Future<String>> lines = new ArrayList<>();
            for (String key : keys) {
                lines.add(checkers.submit(() -> check.check(key)));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> line : lines) {
                try {
                    results.add(line.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw (Exception) e.getCause();
                }
            }
            return results;
        } finally {
            checkers.shutdownNow();
        }
    }

    /** Every revision in the archive's database, by article, in sequence order: one query for a whole dump. */
    static Map<String, List<ArchivedRow>> archivedRows(PalimpsestStack stack) throws SQLException {
        Map<String, List<ArchivedRow>> rows = new HashMap<>();
        try (Connection archiveDb = connect(stack, "archive");
             PreparedStatement select = archiveDb.prepareStatement(
                     "SELECT article_key, rev_seq, rev_sha1 FROM revision ORDER BY article_key, rev_seq");
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                rows.computeIfAbsent(row.getString(1), key -> new ArrayList<>())
                        .add(new ArchivedRow(row.getInt(2), row.getString(3)));
            }
        }
        return rows;
    }

    /** One revision as the archive's database holds it. */
    record ArchivedRow(int revSeq, String sha1) {
    }

    /** A connection to one of the stack's databases ({@code archive}, {@code query}). */
    static Connection connect(PalimpsestStack stack, String database) throws SQLException {
        Infrastructure infrastructure = stack.devStack().infrastructure();
        return DriverManager.getConnection(infrastructure.jdbcUrl(database), infrastructure.databaseUser(),
                infrastructure.databasePassword());
    }

    static List<Integer> oneTo(int n) {
        List<Integer> seqs = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            seqs.add(i);
        }
        return seqs;
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }
}
