package dev.palimpsest.query.provenance;

import dev.palimpsest.provenance.TokenRuns;
import dev.palimpsest.query.revision.Author;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the provenance rows {@link ArticleAttributions} stores: a revision's tokens, the origins of tokens. */
@ApplicationScoped
public class ProvenanceReads {

    private final AgroalDataSource dataSource;

    public ProvenanceReads(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A revision's tokens' numbers, and the numbers the article's revisions introduced. */
    public record Attributed(int[] tokens, Origins origins) {
    }

    /** Which revision introduced each token number: {@code revSeq[i]} introduced {@code [first[i], first[i+1])}. */
    public record Origins(int[] first, int[] revSeq) {
        public int originOf(int number) {
            int found = Arrays.binarySearch(first, number);
            return revSeq[found >= 0 ? found : -found - 2];
        }
    }

    /** An origin revision as readers see it. */
    public record OriginRevision(int revSeq, Instant revTimestamp, Author author, boolean authorHidden) {
    }

    /** The attribution of revision {@code revSeq}; empty when it has none (not attributed, or not attributable). */
    public Optional<Attributed> attributed(String articleKey, int revSeq) {
        try (Connection connection = dataSource.getConnection()) {
            // one snapshot for the chain of rows and the origins: an attribution from the start may commit meanwhile
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                int[] tokens = tokens(connection, articleKey, revSeq);
                return tokens == null ? Optional.empty() : Optional.of(new Attributed(tokens, origins(connection,
                        articleKey)));
            } finally {
                connection.rollback();
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the provenance of " + articleKey + " #" + revSeq, e);
        }
    }

    /** The revisions named, as readers see them: when, by whom (null where the source hid the author). */
    public Map<Integer, OriginRevision> originRevisions(String articleKey, Collection<Integer> revSeqs) {
        Map<Integer, OriginRevision> found = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT rev_seq, rev_timestamp,"
                     + " performer_user_text, performer_user_id, performer_hidden FROM revision"
                     + " WHERE article_key = ? AND rev_seq = ANY(?)")) {
            Array numbers = connection.createArrayOf("integer", revSeqs.toArray(Integer[]::new));
            select.setString(1, articleKey);
            select.setArray(2, numbers);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    boolean hidden = rows.getBoolean(5);
                    Author author = hidden ? null : Author.of(rows.getString(3), rows.getObject(4, Long.class));
                    found.put(rows.getInt(1), new OriginRevision(rows.getInt(1),
                            rows.getObject(2, OffsetDateTime.class).toInstant(), author, hidden));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the origins of " + articleKey, e);
        }
        return found;
    }

    /**
     * The revisions, in edit order, at which token {@code number} came or went: {revSeq, 1} where it is held again
     * (or first), {revSeq, 0} where it is not any more. The rows are decoded one after another, keeping only the
     * revision before: memory stays that of two revisions, however long the history.
     */
    public List<int[]> presence(String articleKey, int number) {
        List<int[]> changes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // a cursor, and one snapshot
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (PreparedStatement select = connection.prepareStatement("SELECT rev_seq, edit_index, tokens"
                    + " FROM provenance WHERE article_key = ? ORDER BY edit_index")) {
                select.setFetchSize(64);
                select.setString(1, articleKey);
                int[] previous = new int[0];
                boolean held = false;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        previous = TokenRuns.decodeStored(rows.getInt(2), previous, rows.getBytes(3));
                        boolean now = contains(previous, number);
                        if (now != held) {
                            changes.add(new int[] {rows.getInt(1), now ? 1 : 0});
                            held = now;
                        }
                    }
                }
            } finally {
                connection.rollback();
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the provenance of " + articleKey, e);
        }
        return changes;
    }

    private static boolean contains(int[] tokens, int number) {
        for (int token : tokens) {
            if (token == number) {
                return true;
            }
        }
        return false;
    }

    private static int[] tokens(Connection connection, String articleKey, int revSeq) throws SQLException {
        int checkpoint;
        int index;
        try (PreparedStatement select = connection.prepareStatement("SELECT checkpoint_seq, edit_index"
                + " FROM provenance WHERE article_key = ? AND rev_seq = ?")) {
            select.setString(1, articleKey);
            select.setInt(2, revSeq);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                checkpoint = row.getInt(1);
                index = row.getInt(2);
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT edit_index, tokens FROM provenance"
                + " WHERE article_key = ? AND checkpoint_seq = ? AND edit_index <= ? ORDER BY edit_index")) {
            select.setString(1, articleKey);
            select.setInt(2, checkpoint);
            select.setInt(3, index);
            int[] tokens = null;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (tokens == null && !TokenRuns.storedWhole(rows.getInt(1))) {
                        throw new IllegalStateException("the provenance of " + articleKey + " #" + revSeq
                                + " does not start at a checkpoint");
                    }
                    tokens = TokenRuns.decodeStored(rows.getInt(1), tokens, rows.getBytes(2));
                }
            }
            return tokens;
        }
    }

    private static Origins origins(Connection connection, String articleKey) throws SQLException {
        int[] first = new int[64];
        int[] revSeq = new int[64];
        int count = 0;
        try (PreparedStatement select = connection.prepareStatement("SELECT first_added, rev_seq FROM provenance"
                + " WHERE article_key = ? AND added > 0 ORDER BY first_added")) {
            select.setString(1, articleKey);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (count == first.length) {
                        first = Arrays.copyOf(first, count * 2);
                        revSeq = Arrays.copyOf(revSeq, count * 2);
                    }
                    first[count] = rows.getInt(1);
                    revSeq[count] = rows.getInt(2);
                    count++;
                }
            }
        }
        return new Origins(Arrays.copyOf(first, count), Arrays.copyOf(revSeq, count));
    }
}
