package dev.palimpsest.client;

import dev.palimpsest.client.ingest.ApiClient;
import dev.palimpsest.client.ingest.ApiException;
import dev.palimpsest.client.ingest.ApiResponse;
import dev.palimpsest.client.ingest.api.ImportResourceApi;
import dev.palimpsest.client.ingest.api.RedactionResourceApi;
import dev.palimpsest.client.ingest.api.SubmissionResourceApi;
import dev.palimpsest.client.ingest.model.ImportReport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * ingest-service through the client generated from {@code openapi/ingest-service.yaml}: the generated APIs as they
 * are, plus {@link #startImport}, which streams an export from disk (the generated {@code startImport} would
 * serialise its {@code File} argument with Jackson, i.e. send the file's name).
 */
public final class IngestClient {

    private final ApiClient api;
    private final SubmissionResourceApi submissions;
    private final ImportResourceApi imports;
    private final String bearerToken;
    private final RedactionResourceApi redactions;

    /**
     * Without credentials: enough for the reads (import reports); writes answer 401.
     *
     * @param baseUrl where ingest-service listens, e.g. {@code http://localhost:8081}
     */
    public IngestClient(URI baseUrl) {
        this(baseUrl, null);
    }

    /**
     * @param baseUrl     where ingest-service listens, e.g. {@code http://localhost:8081}
     * @param bearerToken sent as {@code Authorization: Bearer …} on every request (the document's {@code bearer}
     *                    scheme: writes need the writer or admin role, redactions the admin role); null for none
     */
    public IngestClient(URI baseUrl, String bearerToken) {
        this.bearerToken = bearerToken == null || bearerToken.isBlank() ? null : bearerToken.strip();
        this.api = apiClient(baseUrl, authorization(this.bearerToken));
        this.submissions = new SubmissionResourceApi(api);
        this.imports = new ImportResourceApi(api);
        this.redactions = new RedactionResourceApi(api);
    }

    /**
     * Adds the bearer token to each request. The generated client (openapi-generator's {@code native} library) has
     * no authentication of its own: its request interceptor is the hook it offers.
     */
    private static Consumer<HttpRequest.Builder> authorization(String bearerToken) {
        return bearerToken == null ? null : request -> request.setHeader("Authorization", "Bearer " + bearerToken);
    }

    private static ApiClient apiClient(URI baseUrl, Consumer<HttpRequest.Builder> interceptor) {
        ApiClient client = new ApiClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)),
                ApiClient.createDefaultObjectMapper(), BaseUrls.withoutTrailingSlash(baseUrl));
        client.setRequestInterceptor(interceptor);
        return client;
    }

    /** {@code POST /articles/{key}/revisions}. */
    public SubmissionResourceApi submissions() {
        return submissions;
    }

    /** {@code POST /articles/{key}/revisions/{n}/redactions} (administrators). */
    public RedactionResourceApi redactions() {
        return redactions;
    }

    /** {@code GET /imports}, {@code GET /imports/{id}}; uploads go through {@link #startImport}. */
    public ImportResourceApi imports() {
        return imports;
    }

    /** The generated client's settings (base URI, object mapper), e.g. to parse a problem body. */
    public ApiClient apiClient() {
        return api;
    }

    /**
     * {@code POST /imports} with the export's bytes streamed from disk as they are (compressed or not): never more
     * than the HTTP client's buffers in memory, whatever the file's size. The generated operation builds the
     * request (path, query, headers) and reads the answer; its request interceptor swaps in the file's body.
     *
     * @param database the wiki's database name instead of the export's own, or null
     * @param sent     told the number of bytes read from the file so far, a few times a second at most; may be null
     * @throws ApiException the service refused the export (the problem body is in {@link ApiException#getResponseBody()})
     */
    public ApiResponse<ImportReport> startImport(Path export, String database, LongConsumer sent)
            throws ApiException, IOException {
        long size = Files.size(export);
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> open(export, sent)), size);
        Consumer<HttpRequest.Builder> streamFile = request -> request.method("POST", body);
        Consumer<HttpRequest.Builder> authorization = authorization(bearerToken);
        ApiClient upload = apiClient(URI.create(api.getBaseUri()),
                authorization == null ? streamFile : streamFile.andThen(authorization));
        ImportResourceApi importApi = new ImportResourceApi(upload);
        try {
            return importApi.startImportWithHttpInfo(ImportResourceApi.APIStartImportRequest
                    .newBuilder().body(export.toFile()).database(database).build());
        } finally {
            // the API object holds the only reference to its HttpClient: collected while the answer is read (the
            // JIT may drop `this` inside the call), the client's selector stops and the read never returns
            Reference.reachabilityFence(importApi);
        }
    }

    private static InputStream open(Path export, LongConsumer sent) {
        try {
            InputStream file = Files.newInputStream(export);
            return sent == null ? file : new CountingInputStream(file, sent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts bytes as the HTTP client reads them, and reports at most five times a second (and at the end). */
    private static final class CountingInputStream extends FilterInputStream {
        private final LongConsumer sent;
        private long count;
        private long lastReport;

        CountingInputStream(InputStream in, LongConsumer sent) {
            super(in);
            this.sent = sent;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            long now = System.nanoTime();
            if (n > 0) {
                count += n;
            }
            if (n < 0 || now - lastReport > 200_000_000L) {
                lastReport = now;
                sent.accept(count);
            }
            return n;
        }
    }
}
