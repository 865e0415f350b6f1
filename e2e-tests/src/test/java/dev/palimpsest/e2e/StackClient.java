package dev.palimpsest.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.client.IngestClient;
import dev.palimpsest.client.QueryClient;
import dev.palimpsest.client.ingest.model.ImportReport;
import dev.palimpsest.client.ingest.model.ImportState;
import dev.palimpsest.client.query.ApiException;
import dev.palimpsest.client.query.api.ArticleResourceApi;
import dev.palimpsest.client.query.api.HistoryResourceApi;
import dev.palimpsest.client.query.model.HistoryPage;
import dev.palimpsest.client.query.model.RevisionSummary;
import dev.palimpsest.devstack.launcher.PalimpsestStack;
import dev.palimpsest.events.ContentHash;
import dev.palimpsest.events.Roles;
import org.awaitility.core.ConditionFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the end-to-end tests ask of a running stack, as a user's client would: ingest and query only through the
 * clients generated from the committed OpenAPI contracts (the client module). archive-service's admin view has no
 * published contract; it is read over plain HTTP, and only to count what the archive stored and to have it verify
 * an article's hash chain. Public for the scenarios of other packages ({@code e2e.faults}).
 */
public final class StackClient {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final PalimpsestStack stack;
    private final IngestClient ingest;
    private final QueryClient query;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String adminToken;
    private final IngestClient adminIngest;

    /** A writer's client for ingest, signed by the stack's own issuer as {@code ./palimpsest token} would. */
    public StackClient(PalimpsestStack stack) {
        this(stack, stack.queryUrl());
    }

    private StackClient(PalimpsestStack stack, URI queryUrl) {
        this.stack = stack;
        this.ingest = new IngestClient(stack.ingestUrl(), token(stack, Roles.WRITER));
        this.adminToken = token(stack, Roles.ADMIN);
        this.adminIngest = new IngestClient(stack.ingestUrl(), adminToken);
        this.query = new QueryClient(queryUrl);
    }

    /**
     * The same client, reading through another query-service instance (a scaled-out stack's
     * {@link PalimpsestStack#queries()}); ingest and archive stay instance 1's.
     */
    public StackClient readingFrom(URI queryUrl) {
        return new StackClient(stack, queryUrl);
    }

    /** A token of the stack's issuer with one role, valid longer than any test run. */
    static String token(PalimpsestStack stack, String role) {
        return stack.devStack().issuer().mint("e2e-" + role, Set.of(role), Duration.ofHours(6));
    }

    public PalimpsestStack stack() {
        return stack;
    }

    /** An administrator's client for ingest: redactions need the admin role. */
    public IngestClient adminIngest() {
        return adminIngest;
    }

    public IngestClient ingest() {
        return ingest;
    }

    public QueryClient query() {
        return query;
    }

    /** Streams an export to {@code startImport} ({@code database}: the override, or null); the import's id. */
    public String startImport(Path export, String database) throws Exception {
        var accepted = ingest.startImport(export, database, null);
        assertEquals(202, accepted.getStatusCode());
        return accepted.getData().getImportId();
    }

    /**
     * Awaitility with no initial delay: its default waits one poll interval before the first look, which adds up
     * over the hundreds of articles of a dump.
     */
    public static ConditionFactory promptly(Duration patience) {
        return await().atMost(patience).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100));
    }

    /** Waits until the import has published everything; fails unless it completed. */
    public ImportReport awaitImport(String importId, Duration patience) {
        ImportReport report = promptly(patience).until(() -> ingest.imports().getImport(importId),
                r -> r.getState() != ImportState.PUBLISHING);
        assertEquals(ImportState.COMPLETED, report.getState(), report.toString());
        return report;
    }

    /** How many revisions of the article the read model holds (0 before the first). */
    public long revisionCount(String key) throws Exception {
        try {
            return query.articles().getArticle(ArticleResourceApi.APIGetArticleRequest.newBuilder().key(key).build())
                    .getRevisionCount();
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return 0;
            }
            throw e;
        }
    }

    /** The article's whole history, oldest first, following {@code next}. */
    public List<RevisionSummary> history(String key) throws Exception {
        List<RevisionSummary> rows = new ArrayList<>();
        String cursor = null;
        do {
            HistoryPage page = query.history().listRevisions(HistoryResourceApi.APIListRevisionsRequest.newBuilder()
                    .key(key).cursor(cursor).limit(500).order("asc").build());
            rows.addAll(page.getRevisions());
            cursor = page.getNext();
        } while (cursor != null);
        return rows;
    }

    /** The sha1 of revision {@code revSeq}'s exact text, or "410" when it is hidden. */
    public String revisionTextSha1(String key, int revSeq) throws Exception {
        try {
            return ContentHash.sha1Hex(query.revisionText(key, revSeq));
        } catch (ApiException e) {
            if (e.getCode() == 410) {
                return "410";
            }
            throw e;
        }
    }

    /** The sha1 of the exact text current at {@code t}, or "410" when it is hidden. */
    String asOfTextSha1(String key, Instant t) throws Exception {
        try {
            return ContentHash.sha1Hex(query.asOfText(key, t));
        } catch (ApiException e) {
            if (e.getCode() == 410) {
                return "410";
            }
            throw e;
        }
    }

    /** archive-service's own count of an article's revisions and answered submissions ({@code /admin/articles}). */
    public JsonNode archiveStatus(String key) throws Exception {
        return archiveJson("/admin/articles/" + key);
    }

    /** archive-service's recomputation of the article's hash chain ({@code /articles/{key}/verification}). */
    public JsonNode archiveVerification(String key) throws Exception {
        return archiveJson("/articles/" + key + "/verification");
    }

    private JsonNode archiveJson(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        stack.archiveUrl().resolve(path)).header("Accept", "application/json")
                .header("Authorization", "Bearer " + adminToken)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** How many revisions archive-service holds of the article (0 before the first); {@code /admin/articles}. */
    public long archivedRevisionCount(String key) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        stack.archiveUrl().resolve("/admin/articles/" + key)).header("Accept", "application/json")
                .header("Authorization", "Bearer " + adminToken)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return 0;
        }
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("revisionCount").asLong();
    }
}
