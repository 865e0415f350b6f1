package dev.palimpsest.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palimpsest.client.ingest.model.ImportReport;
import dev.palimpsest.e2e.Exports.ExpectedRevision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real page histories through the whole stack: import a MediaWiki export, then ask, for every revision, what the
 * article said at that revision's time; the answer's sha1 must be that of the revision's text in the export, read
 * here independently ({@link Exports#revisionsByArticle}, not the service's reader). Importing the same export
 * again stores nothing new. One of the histories is then proven revision by revision with the transparency log
 * ({@code ./palimpsest verify}, ADR 0040): the one whose revisions had their text or author suppressed at the source.
 */
class ImportFidelityTest {

    private static final Duration PATIENCE = Duration.ofSeconds(180);

    private static StackClient client;

    @BeforeAll
    static void stack() {
        client = new StackClient(SharedStack.get());
    }

    /** Identity reverts, counted independently: text equal to an earlier revision's, but not the previous one's. */
    private static long identityReverts(List<ExpectedRevision> revisions) {
        long reverts = 0;
        for (int i = 1; i < revisions.size(); i++) {
            String sha1 = revisions.get(i).textSha1();
            if (sha1 == null) {
                continue; // a hidden text is nobody's equal
            }
            int latestEqual = -1;
            for (int j = i - 1; j >= 0 && latestEqual < 0; j--) {
                if (sha1.equals(revisions.get(j).textSha1())) {
                    latestEqual = j;
                }
            }
            if (latestEqual >= 0 && latestEqual < i - 1) {
                reverts++;
            }
        }
        return reverts;
    }

    private static long revertsInHistory(String key) throws Exception {
        return client.history(key).stream().filter(revision -> revision.getRevertOf() != null).count();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "enwiki_Rio_Grande_history_2002-2007.xml, enwiki, 39, false",
            "simplewiki_sample_suppressed_revs_schema0.11.xml, simplewiki, -1, true",
            "aawiki-20260101-pages-meta-history.xml.bz2, aawiki, 52, false",
            "enwiki_Anarchism_first2000revs.xml.xz, enwiki, 154, false"})
    void everyRevisionIsAnsweredByteForByteAtItsOwnTime(String file, String database, long documentedReverts,
                                                        boolean proveEachRevision, @TempDir Path verifierState)
            throws Exception {
        assertImportedFaithfully(file, database, documentedReverts);
        if (proveEachRevision) {
            // and every revision is proven by the transparency log with nothing but its key, as a reader would
            Path key = SharedStack.get().devStack().logKey().verifierKeyFile();
            for (String article : Exports.revisionsByArticle(SharedStack.home().resolve("data/wiki").resolve(file),
                    database).keySet()) {
                Cli.Run verified = ProvableHistoryTest.verifyOnceProvable(SharedStack.get(), article, key,
                        verifierState, run -> true);
                assertEquals(0, verified.exit(), verified.out() + verified.err());
                assertTrue(verified.out().contains("verified " + client.revisionCount(article) + " revision(s) of "
                        + article), verified.out());
            }
        }
    }

    /**
     * The whole 15,180-revision Anarchism history (1.05 GB of XML): the long run, not part of the normal test
     * command. {@code ./mvnw -B verify -pl e2e-tests -am -Dtest=ImportFidelityTest#theWholeAnarchismHistory
     * -Dsurefire.failIfNoSpecifiedTests=false -Dpalimpsest.e2e.full-history=true}
     */
    @Test
    @EnabledIfSystemProperty(named = "palimpsest.e2e.full-history", matches = "true")
    void theWholeAnarchismHistory() throws Exception {
        assertImportedFaithfully("enwiki_Anarchism_history_2001-2010.xml.lzma", "enwiki", 2357);
    }

    private static void assertImportedFaithfully(String file, String database, long documentedReverts)
            throws Exception {
        Path export = SharedStack.home().resolve("data/wiki").resolve(file);
        Map<String, List<ExpectedRevision>> pages = Exports.revisionsByArticle(export, database);

        long all = pages.values().stream().mapToLong(List::size).sum();
        // the export's own hashes agree with its texts (single-slot revisions): the texts compared below are the
        // ones MediaWiki hashed
        pages.values().stream().flatMap(List::stream)
                .filter(r -> r.dumpSha1() != null && r.textSha1() != null)
                .forEach(r -> assertEquals(r.dumpSha1(), base36(r.textSha1()), "the export's sha1 of " + r.revId()));
        Duration patience = PATIENCE.plusSeconds(all / 20);
        ImportReport report = client.awaitImport(client.startImport(export, null), patience);
        assertEquals(all, report.getPublished(), "every revision, hidden ones too: " + report);

        for (var page : pages.entrySet()) {
            String key = page.getKey();
            List<ExpectedRevision> revisions = page.getValue();
            StackClient.promptly(patience).until(() -> client.revisionCount(key), count -> count == revisions.size());
            Map<Long, Integer> seqByRevId = seqsByRevId(key);
            for (ExpectedRevision revision : revisions) {
                // by revision: each revision's own text, byte for byte (or 410 when hidden)
                assertEquals(revision.textSha1() == null ? "410" : revision.textSha1(),
                        client.revisionTextSha1(key, seqByRevId.get(revision.revId())),
                        key + " revision " + revision.revId());
                // as-of is the latest revision at or before t; with equal times the higher source revision id
                ExpectedRevision current = revisions.stream()
                        .filter(r -> !r.timestamp().isAfter(revision.timestamp()))
                        .max(java.util.Comparator.comparing(ExpectedRevision::timestamp)
                                .thenComparingLong(ExpectedRevision::revId)).orElseThrow();
                // a hidden text is gone (410), not empty
                assertEquals(current.textSha1() == null ? "410" : current.textSha1(), asOfSha1(key, revision.timestamp()),
                        key + " as of revision " + revision.revId() + " (" + revision.timestamp() + ")");
            }
        }

        long reverts = 0;
        for (var page : pages.entrySet()) {
            long expectedReverts = identityReverts(page.getValue());
            assertEquals(expectedReverts, revertsInHistory(page.getKey()), page.getKey() + " reverts");
            reverts += expectedReverts;
        }
        if (documentedReverts >= 0) {
            assertEquals(documentedReverts, reverts, "the count data/README.md gives");
        }

        // the same export again: everything is a duplicate, nothing new is stored
        ImportReport again = client.awaitImport(client.startImport(export, null), patience);
        assertEquals(all, again.getPublished());
        for (var page : pages.entrySet()) {
            String key = page.getKey();
            long expectedSubmissions = 2L * page.getValue().size();
            JsonNode status = StackClient.promptly(patience).until(() -> client.archiveStatus(key),
                    s -> s.path("submissionCount").asLong() == expectedSubmissions);
            assertEquals(page.getValue().size(), status.path("revisionCount").asInt(), key);
        }
    }

    /** The sha1 of the text as of {@code t}, or "410" when that revision's text is hidden. */
    private static String asOfSha1(String key, Instant t) throws Exception {
        return client.asOfTextSha1(key, t);
    }

    /** Source revision id → sequence number, from the whole history. */
    private static Map<Long, Integer> seqsByRevId(String key) throws Exception {
        Map<Long, Integer> seqs = new java.util.HashMap<>();
        client.history(key).forEach(revision -> seqs.put(revision.getRevId(), revision.getRevSeq()));
        return seqs;
    }

    /** MediaWiki's base-36 form of a hex sha1: 31 digits, zero padded. */
    private static String base36(String hexSha1) {
        String digits = new java.math.BigInteger(hexSha1, 16).toString(36);
        return "0".repeat(31 - digits.length()) + digits;
    }
}
