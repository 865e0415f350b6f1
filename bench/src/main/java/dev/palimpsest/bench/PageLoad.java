package dev.palimpsest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The reader's pages (ADR 0043) beside the API answers they render, for the same revisions: the article now beside
 * its latest revision's JSON, a revision's page beside its JSON, the timeline at an instant beside the as-of JSON, the
 * comparison of one edit beside the word diff's JSON, the history's first page beside the history's JSON. Revisions
 * are drawn from the article's latest {@value #POOL} with a text (the long ones: 67 KB in the Anarchism history of
 * 2010), a comparison between one and the one before it among them. One
 * client, kept-alive: each request is a page and then its anchor, so both meet the same machine; the first
 * {@code warmUp} pairs of each kind are not measured. Times are taken at the client on the same machine: the
 * service's time plus a loopback round trip and reading the answer.
 */
final class PageLoad {

    static final int POOL = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every kind of page measured, and the mean size of the revisions they were drawn from. */
    record Run(List<Result> results, long meanRevisionBytes) {
    }

    /** One kind of page: its times and its anchor's, and the mean size of what each answered. */
    record Result(String page, String anchor, Latencies pageTimes, Latencies anchorTimes, long pageBytes,
                  long anchorBytes) {
    }

    private record Sample(int revSeq, String revTimestamp, long revLen) {
    }

    private final URI query;
    private final String key;
    private final int warmUp;
    private final int requests;
    private final long seed;

    PageLoad(URI query, String key, int warmUp, int requests, long seed) {
        this.query = query;
        this.key = key;
        this.warmUp = warmUp;
        this.requests = requests;
        this.seed = seed;
    }

    /** Every kind of page, in order; also the mean size of the revisions drawn. */
    Run run(MeasuredHttp client) throws IOException {
        String path = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
        List<Sample> pool = latest(client, path);
        int latest = pool.get(0).revSeq();
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Kind> kinds = new LinkedHashMap<>();
        kinds.put("article now", new Kind("its latest revision, JSON",
                i -> uri("/wiki/" + path), i -> uri("/articles/" + path + "/revisions/" + latest)));
        int[] drawn = new int[warmUp + requests];
        for (int i = 0; i < drawn.length; i++) {
            drawn[i] = random.nextInt(pool.size() - 1) + 1; // each has a revision before it in the pool
        }
        kinds.put("a revision", new Kind("the revision, JSON",
                i -> uri("/wiki/" + path + "/revisions/" + pool.get(drawn[i]).revSeq()),
                i -> uri("/articles/" + path + "/revisions/" + pool.get(drawn[i]).revSeq())));
        kinds.put("timeline at an instant", new Kind("as-of, JSON",
                i -> uri("/wiki/" + path + "/timeline?t=" + pool.get(drawn[i]).revTimestamp()),
                i -> uri("/articles/" + path + "/as-of?t=" + pool.get(drawn[i]).revTimestamp())));
        kinds.put("compare one edit", new Kind("word diff, JSON",
                i -> uri("/wiki/" + path + "/compare?from=" + pool.get(drawn[i]).revSeq() + "&to="
                        + pool.get(drawn[i] - 1).revSeq()),
                i -> uri("/articles/" + path + "/diff?from=" + pool.get(drawn[i]).revSeq() + "&to="
                        + pool.get(drawn[i] - 1).revSeq() + "&granularity=word&format=json")));
        kinds.put("history, first 50", new Kind("history, JSON",
                i -> uri("/wiki/" + path + "/history"), i -> uri("/articles/" + path + "/revisions")));
        List<Result> results = new ArrayList<>();
        for (var kind : kinds.entrySet()) {
            results.add(measure(client, kind.getKey(), kind.getValue()));
        }
        return new Run(results, (long) pool.stream().mapToLong(Sample::revLen).average().orElse(0));
    }

    private record Kind(String anchor, IntFunction<URI> page, IntFunction<URI> anchorUri) {
    }

    private Result measure(MeasuredHttp client, String name, Kind kind) throws IOException {
        long[] pageNanos = new long[requests];
        long[] anchorNanos = new long[requests];
        long pageBytes = 0;
        long anchorBytes = 0;
        for (int i = 0; i < warmUp + requests; i++) {
            long begin = System.nanoTime();
            int pageLength = client.get(kind.page().apply(i), "text/html").length;
            long middle = System.nanoTime();
            int anchorLength = client.get(kind.anchorUri().apply(i), "application/json").length;
            long end = System.nanoTime();
            if (i >= warmUp) {
                pageNanos[i - warmUp] = middle - begin;
                anchorNanos[i - warmUp] = end - middle;
                pageBytes += pageLength;
                anchorBytes += anchorLength;
            }
        }
        return new Result(name, kind.anchor(), new Latencies(pageNanos), new Latencies(anchorNanos),
                pageBytes / requests, anchorBytes / requests);
    }

    /** The article's latest {@value #POOL} revisions, newest first, from the history API. */
    private List<Sample> latest(MeasuredHttp client, String path) throws IOException {
        JsonNode page = JSON.readTree(client.get(uri("/articles/" + path + "/revisions?limit=" + POOL),
                "application/json"));
        List<Sample> pool = new ArrayList<>();
        for (JsonNode revision : page.path("revisions")) {
            if (revision.path("hidden").toString().contains("text") || !revision.path("redacted").isMissingNode()
                    && !revision.path("redacted").isNull()) {
                continue; // a text that cannot be shown nor compared: its pages are notices
            }
            pool.add(new Sample(revision.path("revSeq").asInt(), revision.path("revTimestamp").asText(),
                    revision.path("revLen").asLong()));
        }
        if (pool.size() < 2) {
            throw new IOException(key + " has fewer than two revisions: no pages to compare");
        }
        return pool;
    }

    private URI uri(String pathAndQuery) {
        return query.resolve(pathAndQuery);
    }
}
