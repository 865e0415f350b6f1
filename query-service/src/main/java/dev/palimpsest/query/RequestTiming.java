package dev.palimpsest.query;

/**
 * The latency histogram of the read endpoints worth watching, {@code palimpsest_query_request_seconds}, one series
 * per {@code endpoint} (as-of, diff, revision-diff): each resource method carries
 * {@code @Timed(value = RequestTiming.NAME, description = RequestTiming.DESCRIPTION, histogram = true,
 * extraTags = {"endpoint", "…"})}. Timed around the method (finding and rendering the answer), not the socket
 * writes after it; Micrometer adds {@code class}, {@code method} and {@code exception} (a refused request's
 * {@code ProblemException}).
 */
public final class RequestTiming {

    public static final String NAME = "palimpsest.query.request";
    public static final String DESCRIPTION = "Time to answer a read request (as-of, diff), by endpoint";
    public static final String ENDPOINT = "endpoint";

    private RequestTiming() {
    }
}
