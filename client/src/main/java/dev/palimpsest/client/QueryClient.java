package dev.palimpsest.client;

import dev.palimpsest.client.query.ApiClient;
import dev.palimpsest.client.query.ApiException;
import dev.palimpsest.client.query.api.ArticleListResourceApi;
import dev.palimpsest.client.query.api.ArticleResourceApi;
import dev.palimpsest.client.query.api.AsOfResourceApi;
import dev.palimpsest.client.query.api.DiffResourceApi;
import dev.palimpsest.client.query.api.HistoryResourceApi;
import dev.palimpsest.client.query.api.LogResourceApi;
import dev.palimpsest.client.query.api.ReadModelRebuildResourceApi;
import dev.palimpsest.client.query.api.RedactionStatusResourceApi;
import dev.palimpsest.client.query.api.RevisionDiffResourceApi;
import dev.palimpsest.client.query.api.ProvenanceApi;
import dev.palimpsest.client.query.api.RevisionProofResourceApi;
import dev.palimpsest.client.query.api.RevisionResourceApi;
import dev.palimpsest.client.query.api.SlotResourceApi;
import dev.palimpsest.client.query.api.SubmissionStatusResourceApi;
import dev.palimpsest.client.query.api.TimeGateResourceApi;
import dev.palimpsest.client.query.api.TitleResourceApi;
import dev.palimpsest.client.query.model.RedactionStatus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * query-service through the client generated from {@code openapi/query-service.yaml}: the generated APIs as they
 * are, plus what one generated method per operation cannot say: the other representations of an operation (a
 * revision's exact text with {@code Accept: text/plain}, a unified or HTML diff) and the {@code 303} that answers
 * a submission's status. Those requests use the generated client's HTTP client, base URI and interceptor, and fail
 * with its {@link ApiException}, carrying the problem body, like the generated methods.
 */
public final class QueryClient {

    private static final Pattern REVISION_PATH = Pattern.compile("/revisions/(\\d+)$");

    private final ApiClient api;
    private final HttpClient http;
    // Created once and held here: each generated API object builds an HttpClient of its own (ApiClient.getHttpClient()
    // builds a new one per call) and holds the only reference to it. An API object made for one call can be collected
    // while the answer is still being read (the JIT may drop `this` inside the call); the JDK then stops that
    // client's selector thread and the read never returns (seen: an e2e run hung in getRevisionAsOf, beside 720
    // selector threads of clients made one per request).
    private final ArticleResourceApi articles;
    private final ArticleListResourceApi articleList;
    private final HistoryResourceApi history;
    private final RevisionResourceApi revisions;
    private final AsOfResourceApi asOf;
    private final DiffResourceApi diffs;
    private final RevisionDiffResourceApi revisionDiffs;
    private final SlotResourceApi slots;
    private final TitleResourceApi titles;
    private final TimeGateResourceApi timeGates;
    private final SubmissionStatusResourceApi submissionStatus;
    private final RedactionStatusResourceApi redactionStatus;
    private final ReadModelRebuildResourceApi readModelRebuild;
    private final LogResourceApi logs;
    private final RevisionProofResourceApi revisionProofs;
    private final ProvenanceApi provenance;

    /** @param baseUrl where query-service listens, e.g. {@code http://localhost:8080} */
    public QueryClient(URI baseUrl) {
        this(baseUrl, null);
    }

    /**
     * @param baseUrl     where query-service listens, e.g. {@code http://localhost:8080}
     * @param bearerToken sent as {@code Authorization: Bearer …} on every request (the document's {@code bearer}
     *                    scheme: the {@code /admin} operations need the admin role; reads need none); null for none
     */
    public QueryClient(URI baseUrl, String bearerToken) {
        this.api = new ApiClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)),
                ApiClient.createDefaultObjectMapper(), BaseUrls.withoutTrailingSlash(baseUrl));
        String token = bearerToken == null || bearerToken.isBlank() ? null : bearerToken.strip();
        if (token != null) {
            api.setRequestInterceptor(request -> request.setHeader("Authorization", "Bearer " + token));
        }
        this.http = api.getHttpClient();
        this.articles = new ArticleResourceApi(api);
        this.articleList = new ArticleListResourceApi(api);
        this.history = new HistoryResourceApi(api);
        this.revisions = new RevisionResourceApi(api);
        this.asOf = new AsOfResourceApi(api);
        this.diffs = new DiffResourceApi(api);
        this.revisionDiffs = new RevisionDiffResourceApi(api);
        this.slots = new SlotResourceApi(api);
        this.titles = new TitleResourceApi(api);
        this.timeGates = new TimeGateResourceApi(api);
        this.submissionStatus = new SubmissionStatusResourceApi(api);
        this.redactionStatus = new RedactionStatusResourceApi(api);
        this.readModelRebuild = new ReadModelRebuildResourceApi(api);
        this.logs = new LogResourceApi(api);
        this.revisionProofs = new RevisionProofResourceApi(api);
        this.provenance = new ProvenanceApi(api);
    }

    public ApiClient apiClient() {
        return api;
    }

    public ArticleResourceApi articles() {
        return articles;
    }

    /** The article listing and title-prefix search ({@code listArticles}). */
    public ArticleListResourceApi articleList() {
        return articleList;
    }

    public HistoryResourceApi history() {
        return history;
    }

    public RevisionResourceApi revisions() {
        return revisions;
    }

    public AsOfResourceApi asOf() {
        return asOf;
    }

    public DiffResourceApi diffs() {
        return diffs;
    }

    /** A revision against its parent ({@code diffWithParent}). */
    public RevisionDiffResourceApi revisionDiffs() {
        return revisionDiffs;
    }

    public SlotResourceApi slots() {
        return slots;
    }

    public TitleResourceApi titles() {
        return titles;
    }

    /** The archive's transparency logs: their list and consistency proofs ({@code listLogs}, …). */
    public LogResourceApi logs() {
        return logs;
    }

    /** A revision's leaf in the transparency log and its inclusion proof ({@code getRevisionProof}). */
    public RevisionProofResourceApi revisionProofs() {
        return revisionProofs;
    }

    /** Who wrote each word: a revision's provenance, as of a time, main authors, a token's history. */
    public ProvenanceApi provenance() {
        return provenance;
    }

    /** {@code getCheckpoint}: a log's latest checkpoint, the signed note as text (the generated method reads JSON). */
    public String checkpoint(int log) throws ApiException {
        return new String(text("getCheckpoint", "/log/" + log + "/checkpoint", "text/plain"),
                StandardCharsets.UTF_8);
    }

    /** The administrators' read-model rebuild (needs a client made with an admin's token). */
    public ReadModelRebuildResourceApi readModelRebuild() {
        return readModelRebuild;
    }

    /**
     * The Memento TimeGate ({@code negotiateMemento}): its answer is a 302, which the generated client reports as an
     * {@link ApiException} with the {@code Location} in its headers.
     */
    public TimeGateResourceApi timeGates() {
        return timeGates;
    }

    /**
     * The revision number a submission became, once archived ({@code getSubmissionStatus} answers {@code 303} to
     * it); empty while it is not (404).
     */
    public Optional<Integer> archivedRevision(String articleKey, UUID submissionId) throws ApiException {
        try {
            submissionStatus.getSubmissionStatus(articleKey, submissionId);
            throw new ApiException(200, "getSubmissionStatus answered 200; 303 or 404 expected");
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            String location = e.getCode() == 303 && e.getResponseHeaders() != null
                    ? e.getResponseHeaders().firstValue("Location").orElse("") : "";
            Matcher revision = REVISION_PATH.matcher(URI.create(location).getPath() == null ? ""
                    : URI.create(location).getPath());
            if (!revision.find()) {
                throw e;
            }
            return Optional.of(Integer.parseInt(revision.group(1)));
        }
    }

    /** What became of a redaction request ({@code getRedactionStatus}); empty until the archive answered (404). */
    public Optional<RedactionStatus> redactionStatus(String articleKey, UUID requestId) throws ApiException {
        try {
            return Optional.of(redactionStatus.getRedactionStatus(requestId, articleKey));
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@code getRevision} as {@code text/plain}: exactly the stored text's bytes. */
    public byte[] revisionText(String articleKey, int revSeq) throws ApiException {
        return revisionText(articleKey, revSeq, null);
    }

    /**
     * The same as known at {@code knownAt} (transaction time; null: now): fails with 404 if the revision was archived
     * after then.
     */
    public byte[] revisionText(String articleKey, int revSeq, Instant knownAt) throws ApiException {
        return text("getRevision", "/articles/" + ApiClient.urlEncode(articleKey) + "/revisions/" + revSeq
                + knownAt("?", knownAt), "text/plain");
    }

    /** {@code getRevisionAsOf} as {@code text/plain}: exactly the bytes of the revision current at {@code t}. */
    public byte[] asOfText(String articleKey, Instant t) throws ApiException {
        return asOfText(articleKey, t, null);
    }

    /** The same among the revisions archived by {@code knownAt} (transaction time; null: now). */
    public byte[] asOfText(String articleKey, Instant t, Instant knownAt) throws ApiException {
        return text("getRevisionAsOf", "/articles/" + ApiClient.urlEncode(articleKey) + "/as-of?t="
                + ApiClient.urlEncode(t.toString()) + knownAt("&", knownAt), "text/plain");
    }

    /**
     * {@code getTimeMap}: the first page of an article's Memento TimeMap, as the {@code application/link-format} text
     * it is (the generated method would read it as JSON), as known at {@code knownAt} (transaction time; null: now).
     */
    public String timeMap(String articleKey, Instant knownAt) throws ApiException {
        return new String(text("getTimeMap", "/articles/" + ApiClient.urlEncode(articleKey) + "/timemap"
                + knownAt("?", knownAt), "application/link-format"), StandardCharsets.UTF_8);
    }

    /**
     * {@code diffRevisions} in a textual format ({@code unified}, or {@code html} where the service offers it), as
     * UTF-8 text; the JSON form is {@link #diffs()}.
     *
     * @param granularity line, word or char (what the service offers), or null for its default
     */
    public String diffText(String articleKey, String from, String to, String granularity, String format)
            throws ApiException {
        return diffText(articleKey, from, to, granularity, format, null);
    }

    /** The same with both sides as known at {@code knownAt} (transaction time; null: now). */
    public String diffText(String articleKey, String from, String to, String granularity, String format,
                           Instant knownAt) throws ApiException {
        StringJoiner query = new StringJoiner("&", "?", "");
        query.add("from=" + ApiClient.urlEncode(from)).add("to=" + ApiClient.urlEncode(to))
                .add("format=" + ApiClient.urlEncode(format));
        if (granularity != null) {
            query.add("granularity=" + ApiClient.urlEncode(granularity));
        }
        if (knownAt != null) {
            query.add("knownAt=" + ApiClient.urlEncode(knownAt.toString()));
        }
        return new String(text("diffRevisions", "/articles/" + ApiClient.urlEncode(articleKey) + "/diff" + query,
                "text/*"), StandardCharsets.UTF_8);
    }

    /** {@code knownAt} as a query parameter after {@code separator}, or nothing when it is null. */
    private static String knownAt(String separator, Instant knownAt) {
        return knownAt == null ? "" : separator + "knownAt=" + ApiClient.urlEncode(knownAt.toString());
    }

    private byte[] text(String operationId, String pathAndQuery, String accept) throws ApiException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.getBaseUri() + pathAndQuery))
                .header("Accept", accept + ", application/problem+json").GET();
        if (api.getReadTimeout() != null) {
            request.timeout(api.getReadTimeout());
        }
        if (api.getRequestInterceptor() != null) {
            api.getRequestInterceptor().accept(request);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                String body = new String(response.body(), StandardCharsets.UTF_8);
                throw new ApiException(response.statusCode(), operationId + " call failed with: "
                        + response.statusCode() + " - " + body, response.headers(), body);
            }
            return response.body();
        } catch (IOException e) {
            throw new ApiException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(e);
        }
    }
}
