package dev.palimpsest.e2e;

import dev.palimpsest.client.ingest.api.SubmissionResourceApi;
import dev.palimpsest.client.ingest.model.SubmitRevisionRequest;
import dev.palimpsest.client.query.ApiException;
import dev.palimpsest.client.query.api.ArticleListResourceApi;
import dev.palimpsest.client.query.api.ArticleResourceApi;
import dev.palimpsest.client.query.api.HistoryResourceApi;
import dev.palimpsest.client.query.api.RevisionDiffResourceApi;
import dev.palimpsest.client.query.api.RevisionResourceApi;
import dev.palimpsest.client.query.api.TimeGateResourceApi;
import dev.palimpsest.client.query.api.TitleResourceApi;
import dev.palimpsest.client.query.model.ArticleSummary;
import dev.palimpsest.client.query.model.HistoryPage;
import dev.palimpsest.client.query.model.RevisionSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bitemporal reads on the real stack, through the generated client: an article's revisions are submitted through
 * ingest in three rounds, the second a backfill of an older edit, the third a rename. The transaction times the
 * archive gave them (their {@code archivedAt}) are the instants asked about; at each, every read (history, revision
 * by number and its text, as-of text, diffs by numbers and by instants, TimeMap, TimeGate, article, listing, title
 * lookup) answers what the archive held then, byte for byte.
 *
 * <pre>
 *   round  edit time    seq  text     title
 *   1      2019-01-01    1   "one"    «uid» Old
 *   1      2019-03-01    2   "one"    «uid» Old    (a null edit of 1, until 3 arrives)
 *   2      2019-02-01    3   "three"  «uid» Old    (the backfill: 2 now reverts it)
 *   3      2019-04-01    4   "four"   «uid» New    (the rename)
 * </pre>
 */
class KnownAtTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Pattern LINK = Pattern.compile("<([^>]*)>; rel=\"([^\"]*)\"");

    private static final String UID = UUID.randomUUID().toString().substring(0, 8);
    private static final String KEY = "e2e:known-at:" + UID;
    private static final String OLD = "Known at " + UID + " old";
    private static final String NEW = "Known at " + UID + " new";
    private static final String[] TEXTS = {null, "one\n", "one\n", "three\n", "four\n"};
    private static final Instant[] EDITS = {null, Instant.parse("2019-01-01T00:00:00Z"),
            Instant.parse("2019-03-01T00:00:00Z"), Instant.parse("2019-02-01T00:00:00Z"),
            Instant.parse("2019-04-01T00:00:00Z")};

    private static StackClient client;
    /** When the archive stored each revision (by sequence number): its transaction time. */
    private static final Map<Integer, Instant> ARCHIVED = new LinkedHashMap<>();
    /** Just before the archive stored anything of the article. */
    private static Instant k0;
    /** When the archive had stored round 1, round 2 and round 3: the transaction times asked about. */
    private static Instant k1;
    private static Instant k2;
    private static Instant k3;

    @BeforeAll
    static void threeRounds() throws Exception {
        client = new StackClient(SharedStack.get());
        submit(1, OLD);
        submit(2, OLD);
        k1 = archivedAfter(2);
        submit(3, OLD);
        k2 = archivedAfter(3);
        submit(4, NEW);
        k3 = archivedAfter(4);
        k0 = before(ARCHIVED.get(1));
    }

    @Test
    void theHistoryAndTheArticleAreAsKnownAtEachInstant() throws Exception {
        assertHistory(k0, null, null, null);
        assertHistory(ARCHIVED.get(1), List.of(1), Arrays.asList((Integer) null), OLD);
        assertHistory(k1, List.of(1, 2), Arrays.asList(null, null), OLD);
        assertHistory(before(k2), List.of(1, 2), Arrays.asList(null, null), OLD);
        assertHistory(k2, List.of(1, 3, 2), Arrays.asList(null, null, 1), OLD);
        assertHistory(k3, List.of(1, 3, 2, 4), Arrays.asList(null, null, 1, null), NEW);
        assertEquals(history(null), history(k3), "known at the last arrival is the history as it is now");
    }

    @Test
    void aRevisionIsReadableExactlyFromTheInstantItWasArchived() throws Exception {
        for (int seq = 1; seq <= 4; seq++) {
            for (Instant knownAt : List.of(k0, ARCHIVED.get(1), k1, before(k2), k2, before(k3), k3)) {
                String what = "revision " + seq + " known at " + knownAt;
                if (ARCHIVED.get(seq).isAfter(knownAt)) {
                    int n = seq;
                    ApiException notYet = assertThrows(ApiException.class,
                            () -> client.query().revisionText(KEY, n, knownAt), what);
                    assertEquals(404, notYet.getCode(), what);
                    assertTrue(notYet.getResponseBody().contains("/problems/revision-not-yet-archived"), what);
                } else {
                    assertArrayEquals(TEXTS[seq].getBytes(StandardCharsets.UTF_8),
                            client.query().revisionText(KEY, seq, knownAt), what);
                    assertEquals(seq, client.query().revisions().getRevision(RevisionResourceApi
                            .APIGetRevisionRequest.newBuilder().key(KEY).n(seq).knownAt(offset(knownAt)).build())
                            .getRevSeq(), what);
                }
            }
        }
        // what 2 reverts depends on what was known: nothing before the backfill, 1 after it
        assertEquals(null, revision(2, k1).getRevert());
        assertEquals(1, revision(2, k2).getRevert().getRestoredRevSeq());
        assertEquals(List.of(3), revision(2, k2).getRevert().getRevertedRevSeqs());
    }

    @Test
    void asOfAndDiffsAnswerWithTheRevisionsCurrentThen() throws Exception {
        Instant midFebruary = Instant.parse("2019-02-15T00:00:00Z");
        Instant midMarch = Instant.parse("2019-03-15T00:00:00Z");
        Instant midApril = Instant.parse("2019-04-15T00:00:00Z");
        assertArrayEquals(TEXTS[1].getBytes(StandardCharsets.UTF_8), client.query().asOfText(KEY, midFebruary, k1));
        assertArrayEquals(TEXTS[3].getBytes(StandardCharsets.UTF_8), client.query().asOfText(KEY, midFebruary, k2));
        assertArrayEquals(TEXTS[2].getBytes(StandardCharsets.UTF_8), client.query().asOfText(KEY, midApril, k2));
        assertArrayEquals(TEXTS[4].getBytes(StandardCharsets.UTF_8), client.query().asOfText(KEY, midApril, k3));

        // a diff by instants as known then is, byte for byte, the diff of the revisions current then
        for (String format : List.of("unified", "html")) {
            assertEquals(client.query().diffText(KEY, "1", "2", "word", format),
                    client.query().diffText(KEY, "@" + midFebruary, "@" + midMarch, "word", format, k1), format);
            assertEquals(client.query().diffText(KEY, "3", "2", "word", format),
                    client.query().diffText(KEY, "@" + midFebruary, "@" + midMarch, "word", format, k2), format);
            assertEquals(client.query().diffText(KEY, "2", "4", "word", format),
                    client.query().diffText(KEY, "@" + midMarch, "@" + midApril, "word", format, k3), format);
        }
        ApiException notYet = assertThrows(ApiException.class,
                () -> client.query().diffText(KEY, "3", "2", "line", "unified", k1));
        assertEquals(404, notYet.getCode());
        // the parent of 2 is 1 until the backfill is known, then 3
        assertEquals(1, parentOf(2, k1));
        assertEquals(3, parentOf(2, k2));
        assertEquals(3, parentOf(2, null));
    }

    @Test
    void theTimeMapAndTimeGateKeepToTheMementosKnownThen() throws Exception {
        String suffix = "?knownAt=" + k1;
        Map<String, String> timeMap = links(client.query().timeMap(KEY, k1));
        assertEquals("/articles/" + KEY + "/revisions/1" + suffix, timeMap.get("first memento"));
        assertEquals("/articles/" + KEY + "/revisions/2" + suffix, timeMap.get("last memento"));
        assertEquals(List.of("original", "self", "timegate", "first memento", "last memento"),
                List.copyOf(timeMap.keySet()));
        Map<String, String> now = links(client.query().timeMap(KEY, null));
        assertEquals(List.of("original", "self", "timegate", "first memento", "memento", "last memento"),
                List.copyOf(now.keySet()));

        String midFebruary = "Fri, 15 Feb 2019 00:00:00 GMT";
        assertEquals("/articles/" + KEY + "/revisions/1?knownAt=" + k1, timeGate(midFebruary, k1));
        assertEquals("/articles/" + KEY + "/revisions/3?knownAt=" + k2, timeGate(midFebruary, k2));
        assertEquals("/articles/" + KEY + "/revisions/2?knownAt=" + k2, timeGate(null, k2));
        assertEquals("/articles/" + KEY + "/revisions/4", timeGate(null, null));
    }

    @Test
    void theListingAndTitlesAreThoseOfThen() throws Exception {
        for (Instant knownAt : List.of(k1, k2)) {
            assertEquals(List.of(OLD), titles(knownAt), "known at " + knownAt);
            assertEquals("/articles/" + KEY + "?knownAt=" + knownAt, lookUp(OLD, knownAt));
            assertEquals(404, assertThrows(ApiException.class, () -> lookUp(NEW, knownAt)).getCode());
        }
        assertEquals(List.of(), titles(k0));
        assertEquals(List.of(NEW), titles(k3));
        assertEquals(List.of(NEW), titles(null));
        assertEquals("/articles/" + KEY, lookUp(OLD, null)); // a former title still leads to the article
        ArticleSummary then = client.query().articles().getArticle(ArticleResourceApi.APIGetArticleRequest
                .newBuilder().key(KEY).knownAt(offset(k2)).build());
        assertEquals(OLD, then.getTitle());
        assertEquals(3, then.getRevisionCount());
        assertEquals(2, then.getLatestRevSeq());
    }

    // --- the stack ---------------------------------------------------------------------------------------------

    private static void submit(int seq, String title) throws Exception {
        client.ingest().submissions().submitRevision(SubmissionResourceApi.APISubmitRevisionRequest.newBuilder()
                .key(KEY).submitRevisionRequest(new SubmitRevisionRequest().title(title).text(TEXTS[seq])
                        .timestamp(EDITS[seq].toString()).author("e2e").comment("round for " + seq)).build());
    }

    /** Waits until the archive holds {@code count} revisions; when it stored the last of them (transaction time). */
    private static Instant archivedAfter(int count) throws Exception {
        StackClient.promptly(PATIENCE).until(() -> client.revisionCount(KEY) == count);
        client.history(KEY).forEach(row -> ARCHIVED.put(row.getRevSeq(), row.getArchivedAt().toInstant()));
        return ARCHIVED.values().stream().max(Instant::compareTo).orElseThrow();
    }

    /** The microsecond before {@code instant}: the archive's precision. */
    private static Instant before(Instant instant) {
        return instant.minusNanos(1000);
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static HistoryPage history(Instant knownAt) throws ApiException {
        return client.query().history().listRevisions(HistoryResourceApi.APIListRevisionsRequest.newBuilder()
                .key(KEY).order("asc").limit(500).knownAt(offset(knownAt)).build());
    }

    private static void assertHistory(Instant knownAt, List<Integer> seqs, List<Integer> revertOf, String title)
            throws ApiException {
        String what = "known at " + knownAt;
        if (seqs == null) {
            ApiException none = assertThrows(ApiException.class, () -> history(knownAt), what);
            assertEquals(404, none.getCode(), what);
            return;
        }
        HistoryPage page = history(knownAt);
        assertEquals(seqs, page.getRevisions().stream().map(RevisionSummary::getRevSeq).toList(), what);
        assertEquals(revertOf, page.getRevisions().stream().map(RevisionSummary::getRevertOf).toList(), what);
        assertEquals(title, page.getTitle(), what);
        ArticleSummary article = client.query().articles().getArticle(ArticleResourceApi.APIGetArticleRequest
                .newBuilder().key(KEY).knownAt(offset(knownAt)).build());
        assertEquals(seqs.size(), article.getRevisionCount(), what);
        assertEquals(title, article.getTitle(), what);
        assertEquals(seqs.get(seqs.size() - 1), article.getLatestRevSeq(), what);
    }

    private static dev.palimpsest.client.query.model.Revision revision(int seq, Instant knownAt) throws ApiException {
        return client.query().revisions().getRevision(RevisionResourceApi.APIGetRevisionRequest.newBuilder()
                .key(KEY).n(seq).knownAt(offset(knownAt)).build());
    }

    private static Integer parentOf(int seq, Instant knownAt) throws ApiException {
        return client.query().revisionDiffs().diffWithParent(RevisionDiffResourceApi.APIDiffWithParentRequest
                .newBuilder().key(KEY).n(seq).knownAt(offset(knownAt)).build()).getFromRevSeq();
    }

    private static List<String> titles(Instant knownAt) throws ApiException {
        return client.query().articleList().listArticles(ArticleListResourceApi.APIListArticlesRequest.newBuilder()
                        .prefix("Known at " + UID).knownAt(offset(knownAt)).build())
                .getArticles().stream().map(ArticleSummary::getTitle).toList();
    }

    /** Where the TimeGate redirects (302), as a decoded path and query. */
    private static String timeGate(String acceptDatetime, Instant knownAt) {
        ApiException redirect = assertThrows(ApiException.class, () -> client.query().timeGates()
                .negotiateMemento(TimeGateResourceApi.APINegotiateMementoRequest.newBuilder().key(KEY)
                        .acceptDatetime(acceptDatetime).knownAt(offset(knownAt)).build()));
        assertEquals(302, redirect.getCode());
        return path(redirect.getResponseHeaders().firstValue("Location").orElseThrow());
    }

    /** Where a title leads (303), as a decoded path and query. */
    private static String lookUp(String title, Instant knownAt) throws ApiException {
        try {
            client.query().titles().lookUpTitle(TitleResourceApi.APILookUpTitleRequest.newBuilder().title(title)
                    .knownAt(offset(knownAt)).build());
        } catch (ApiException e) {
            if (e.getCode() != 303) {
                throw e;
            }
            return path(e.getResponseHeaders().firstValue("Location").orElseThrow());
        }
        throw new AssertionError("lookUpTitle answered 2xx; 303 expected");
    }

    private static Map<String, String> links(String linkFormat) {
        assertNotNull(linkFormat);
        Map<String, String> links = new LinkedHashMap<>();
        Matcher link = LINK.matcher(linkFormat);
        while (link.find()) {
            links.put(link.group(2), path(link.group(1)));
        }
        return links;
    }

    private static String path(String uri) {
        URI parsed = URI.create(uri);
        String path = parsed.getRawPath() + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery());
        return URLDecoder.decode(path, StandardCharsets.UTF_8);
    }
}
