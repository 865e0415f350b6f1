package dev.palimpsest.e2e.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Polls {@code GET /q/health/ready} of some services a few times a second, on a thread of its own, and records
 * each change of what they answer: {@code UP} (200), {@code DOWN} (503, or any other status), or
 * {@code unreachable} (no answer within the timeout, nothing listening).
 */
final class ReadinessWatch implements AutoCloseable {

    static final String UP = "UP";
    static final String DOWN = "DOWN";
    static final String UNREACHABLE = "unreachable";

    private static final Duration INTERVAL = Duration.ofMillis(200);

    /** A change of a service's readiness, {@code at} milliseconds into the run. */
    record Transition(long at, String service, String state) {

        @Override
        public String toString() {
            return String.format("%7.1f s  %-16s %s", at / 1000.0, service, state);
        }
    }

    private final Map<String, URI> services;
    private final LongSupplier clock;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final Map<String, String> current = new LinkedHashMap<>();
    private final List<Transition> transitions = new ArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    /**
     * @param services service name to its base URL
     * @param clock    milliseconds since the run began
     */
    ReadinessWatch(Map<String, URI> services, LongSupplier clock) {
        this.services = Map.copyOf(services);
        this.clock = clock;
        this.poller = new Thread(this::poll, "readiness-watch");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        while (running) {
            services.forEach((name, url) -> record(name, probe(url)));
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String probe(URI url) {
        try {
            int status = http.send(HttpRequest.newBuilder(url.resolve("/q/health/ready"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? UP : DOWN;
        } catch (IOException e) {
            return UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNREACHABLE;
        }
    }

    private synchronized void record(String service, String state) {
        if (!state.equals(current.put(service, state))) {
            transitions.add(new Transition(clock.getAsLong(), service, state));
        }
    }

    /** What the service answered last; null before the first answer. */
    synchronized String state(String service) {
        return current.get(service);
    }

    synchronized List<Transition> transitions() {
        return List.copyOf(transitions);
    }

    /** The service's transitions at or after {@code since} milliseconds into the run, oldest first. */
    synchronized List<String> statesSince(String service, long since) {
        return transitions.stream().filter(t -> t.service().equals(service) && t.at() >= since)
                .map(Transition::state).toList();
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
        try {
            poller.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
