package dev.palimpsest.bench;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A dump (synthetic, generated on a thread of its own, or a file read as it goes) and sent, as it is written, as the body of ingest's
 * {@code POST /imports}: nothing is stored on this side, so the driver's memory does not grow with the dump.
 * Ingest answers once it has the whole upload and has validated it.
 */
final class DumpUpload {

    /** 16 chunks of 64 KiB: enough to keep the connection busy while the generator catches up. */
    private static final int CHUNK = 1 << 16;
    private static final int CHUNKS_IN_FLIGHT = 16;

    private final ImportSource dump;
    private final AtomicLong bytesGenerated = new AtomicLong();
    private final CompletableFuture<SyntheticDump.Totals> generated = new CompletableFuture<>();
    private final CompletableFuture<HttpResponse<String>> response;
    private final long startNanos = System.nanoTime();
    private volatile long answeredNanos;

    private DumpUpload(ImportSource dump, HttpClient http, URI ingestUrl, String writerToken, boolean gzip) {
        this.dump = dump;
        ChunkPipe pipe = new ChunkPipe(CHUNK, CHUNKS_IN_FLIGHT);
        InputStream body = pipe.source();
        HttpRequest request = HttpRequest.newBuilder(ingestUrl.resolve("/imports?database="
                        + dump.database()))
                .header("Content-Type", gzip ? "application/gzip" : "application/xml")
                .header("Authorization", "Bearer " + writerToken)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build();
        // once ingest has answered (even early, refusing the upload), the generator must not wait for a reader
        this.response = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .whenComplete((answer, failure) -> {
                    answeredNanos = System.nanoTime();
                    pipe.closeReader();
                });
        Thread generator = new Thread(() -> generate(pipe, gzip), "dump-generator");
        generator.setDaemon(true);
        generator.start();
    }

    static DumpUpload start(ImportSource dump, HttpClient http, URI ingestUrl, String writerToken, boolean gzip) {
        return new DumpUpload(dump, http, ingestUrl, writerToken, gzip);
    }

    private void generate(ChunkPipe pipe, boolean gzip) {
        try (OutputStream out = new Counting(pipe.sink(), bytesGenerated)) {
            SyntheticDump.Totals totals = dump.writeTo(out, gzip);
            out.close(); // the end of the body, before the totals say it is complete
            generated.complete(totals);
        } catch (Throwable e) {
            pipe.writerFailed(e);
            generated.completeExceptionally(e);
        }
    }

    /** Bytes of the body generated so far (sent, but for at most a megabyte in the pipe). */
    long bytesGenerated() {
        return bytesGenerated.get();
    }

    long revisionsGenerated() {
        return dump.revisionsWritten();
    }

    /** Completes when the whole dump is written, with what it held. */
    CompletableFuture<SyntheticDump.Totals> generated() {
        return generated;
    }

    /** From the start of the upload to ingest's answer, to the nanosecond rather than to the next poll. */
    Duration answeredAfter() {
        return Duration.ofNanos(answeredNanos - startNanos);
    }

    /** Ingest's answer: 202 with the import's report once the upload is received and validated. */
    CompletableFuture<HttpResponse<String>> response() {
        return response;
    }

    /** Counts what passes. */
    private static final class Counting extends FilterOutputStream {
        private final AtomicLong count;

        Counting(OutputStream out, AtomicLong count) {
            super(out);
            this.count = count;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count.incrementAndGet();
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count.addAndGet(length);
        }
    }
}
