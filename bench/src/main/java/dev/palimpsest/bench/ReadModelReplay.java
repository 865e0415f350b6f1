package dev.palimpsest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * The replay figure: a read-model rebuild from offset zero of the archived topic ({@code POST
 * /admin/read-model/rebuild}, ADR 0024), followed until it has switched; the rate is the records it replayed over
 * its own start-to-switch time (the service's timestamps, so polling does not blur it).
 */
final class ReadModelReplay {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a rebuild came to; {@code failure} null when it switched. */
    record Result(long replayed, Duration took, Duration wall, String failure) {

        double perSecond() {
            return replayed / (took.toNanos() / 1e9);
        }
    }

    private ReadModelReplay() {
    }

    static Result run(HttpClient http, URI queryUrl, String adminToken, Duration timeout)
            throws IOException, InterruptedException {
        URI rebuild = queryUrl.resolve("/admin/read-model/rebuild");
        long begin = System.nanoTime();
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(rebuild).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + adminToken).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            return new Result(0, Duration.ZERO, Duration.ZERO,
                    "POST answered " + started.statusCode() + ": " + started.body());
        }
        while (true) {
            Thread.sleep(500);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(rebuild).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + adminToken).header("Accept", "application/json").GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            Duration wall = Duration.ofNanos(System.nanoTime() - begin);
            if (answer.statusCode() != 200) {
                return new Result(0, Duration.ZERO, wall, "GET answered " + answer.statusCode() + ": "
                        + answer.body());
            }
            JsonNode status = JSON.readTree(answer.body());
            String phase = status.path("phase").asText();
            if ("switched".equals(phase)) {
                Instant from = Instant.parse(status.path("startedAt").asText());
                Instant to = Instant.parse(status.path("switchedAt").asText());
                return new Result(status.path("replayed").asLong(), Duration.between(from, to), wall, null);
            }
            if ("failed".equals(phase)) {
                return new Result(status.path("replayed").asLong(), Duration.ZERO, wall,
                        "the rebuild failed: " + status.path("failure").asText());
            }
            if (wall.compareTo(timeout) > 0) {
                return new Result(status.path("replayed").asLong(), Duration.ZERO, wall,
                        "not switched after " + Units.duration(timeout) + " (phase " + phase + ")");
            }
        }
    }
}
